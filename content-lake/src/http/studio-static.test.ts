import fs from 'node:fs'
import http from 'node:http'
import type {AddressInfo} from 'node:net'
import os from 'node:os'
import path from 'node:path'
import {afterAll, beforeAll, expect, test} from 'vitest'
import {projectHostFor, studioContentSecurityPolicy, studioStatic} from './studio-static'

let dir: string
let server: http.Server
let base: string

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'studio-static-'))
  fs.mkdirSync(path.join(dir, 'static'))
  fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>Studio</title>')
  fs.writeFileSync(path.join(dir, 'static', 'sanity-DmjLBOuO.js'), 'export {}')
  fs.writeFileSync(path.join(dir, 'static', 'favicon.svg'), '<svg/>')
  fs.writeFileSync(path.join(dir, '.inputs-hash'), 'secret-ish')
  const serve = studioStatic(dir, 'local')
  // What the API would answer when the Studio passes a request on.
  server = http.createServer((req, res) => {
    void serve(req, res).then((answered) => {
      if (!answered) res.writeHead(404, {'content-type': 'application/json'}).end('{"error":"Not Found"}')
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve))
  fs.rmSync(dir, {recursive: true, force: true})
})

const page = {headers: {accept: 'text/html,application/xhtml+xml'}}

test('index.html at / is revalidated on every use; hashed bundles are cached for good', async () => {
  const index = await fetch(`${base}/`)
  expect(index.headers.get('content-type')).toBe('text/html; charset=utf-8')
  expect(index.headers.get('cache-control')).toBe('no-cache')
  const bundle = await fetch(`${base}/static/sanity-DmjLBOuO.js`)
  expect(bundle.headers.get('content-type')).toBe('text/javascript; charset=utf-8')
  expect(bundle.headers.get('cache-control')).toBe('public, max-age=31536000, immutable')
  const icon = await fetch(`${base}/static/favicon.svg`)
  expect(icon.headers.get('content-type')).toBe('image/svg+xml')
  expect(icon.headers.get('cache-control')).toBe('no-cache')
  const again = await fetch(`${base}/`, {headers: {'if-none-match': index.headers.get('etag')!}})
  expect(again.status).toBe(304)
})

test('Studio addresses asked for as a page get index.html; missing files and API paths are left to the API', async () => {
  expect(await (await fetch(`${base}/structure/post;post-1`, page)).text()).toContain('<title>Studio</title>')
  expect((await fetch(`${base}/static/missing-12345678.js`)).status).toBe(404)
  for (const apiPath of ['/v2025-02-19/data/query/production', '/v2025-02-19/no-such-endpoint', '/ping', '/images/local/production/x.png']) {
    expect((await fetch(`${base}${apiPath}`, page)).headers.get('content-type'), apiPath).toBe('application/json')
  }
  expect((await fetch(`${base}/`, {method: 'POST'})).status).toBe(404)
})

test('hidden files and paths out of the folder are never served', async () => {
  expect((await fetch(`${base}/.inputs-hash`)).status).toBe(404)
  expect((await fetch(`${base}/static/%2e%2e/%2e%2e/etc/passwd`)).status).toBe(404)
  expect((await fetch(`${base}/..%2f..%2fetc%2fpasswd`)).status).toBe(404)
})

test('the Studio page may reach only the lake; other files carry no policy', async () => {
  // Asked for by address (127.0.0.1), the page has no project hostname: its own origin only.
  const policy = studioContentSecurityPolicy(undefined)
  for (const address of ['/', '/structure/post;post-1']) {
    expect((await fetch(`${base}${address}`, page)).headers.get('content-security-policy'), address).toBe(policy)
  }
  const directives = (text: string) => new Map(text.split('; ').map((directive) => [directive.split(' ')[0], directive.split(' ').slice(1)]))
  // Requests (fetch, EventSource, WebSocket), scripts, fonts and images: no other host at all.
  for (const name of ['default-src', 'connect-src', 'script-src', 'font-src', 'img-src']) {
    expect(
      directives(policy)
        .get(name)
        ?.filter((source) => !["'self'", "'unsafe-inline'", 'data:', 'blob:'].includes(source)),
      name,
    ).toEqual([])
  }
  // Under a name, the lake under its project hostname too (the App SDK's calls), for requests only.
  const named = directives(studioContentSecurityPolicy('local.localhost:3333'))
  expect(named.get('connect-src')).toEqual(["'self'", 'https://local.localhost:3333'])
  expect(named.get('script-src')).toEqual(["'self'", "'unsafe-inline'"])
  expect((await fetch(`${base}/static/sanity-DmjLBOuO.js`)).headers.get('content-security-policy')).toBeNull()
})

test('the project hostname is the page’s host with the project id before it, for a named host only', () => {
  const asked = (headers: Record<string, string>) => projectHostFor({headers} as unknown as http.IncomingMessage, 'local')
  expect(asked({host: 'localhost:3333'})).toBe('local.localhost:3333')
  expect(asked({':authority': 'Studio.Example.org'})).toBe('local.studio.example.org')
  // An address has no names below it; a host that is the project hostname already needs none more;
  // a header that would break out of the policy is not named in it.
  for (const host of ['127.0.0.1:3333', '[::1]:3333', 'local.localhost:3333', "localhost:3333 'unsafe-eval'", 'localhost;script-src *', '']) {
    expect(asked({host}), host).toBeUndefined()
  }
  expect(asked({})).toBeUndefined()
})
