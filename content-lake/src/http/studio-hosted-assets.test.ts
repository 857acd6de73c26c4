import fs from 'node:fs'
import http from 'node:http'
import {createRequire} from 'node:module'
import type {AddressInfo} from 'node:net'
import os from 'node:os'
import path from 'node:path'
import {afterAll, beforeAll, expect, test} from 'vitest'
import {studioStatic} from './studio-static'

// A Studio build's page and stylesheet as `sanity build` writes them (the lines that name
// Sanity's hosts copied from a real build), served the way the lake serves a Studio.

const PAGE = `<!DOCTYPE html><html><head><link href="/static/sanity-BfdlTHeT.css" rel="stylesheet"/><style>
  @font-face { font-family: Inter; font-weight: 600; src: url("https://studio-static.sanity.io/Inter-SemiBold.woff2") format("woff2"); }
  @font-face { font-family: Inter; font-weight: 950; src: url("https://studio-static.sanity.io/Inter-Heaviest.woff2") format("woff2"); }
</style><script src="https://core.sanity-cdn.com/bridge.js" async type="module" data-sanity-core></script><script src="/static/sanity-BxaIHls7.js" type="module"></script></head></html>`
const STYLESHEET =
  '@font-face{font-family:Inter;font-style:normal;src:url(https://design-system-static.sanity.io/InterVariable-latin-20260728.woff2)format("woff2-variations")}' +
  '@font-face{font-family:Inter;font-style:italic;src:url(https://design-system-static.sanity.io/InterVariable-Italic-latin-20260728.woff2)format("woff2-variations")}'
// The version check as Studio 6.16's minified bundle builds its address, and its feedback tunnel.
const BUNDLE =
  // biome-ignore lint/suspicious/noTemplateCurlyInString: the bundle's own source text
  'var yfr=`${uq?`https://sanity-cdn.work`:`https://sanity-cdn.com`}/v1/modules`;var Nit=`https://sanity-cdn.com`;' +
  'var _tr=`https://api.sanity.io/vX/intake/feedback`;var Hq=`https://api.sanity.io/v2021-06-07/other`;'
const INTER = path.dirname(createRequire(import.meta.url).resolve('inter-ui/package.json'))

let dir: string
let server: http.Server
let base: string

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'studio-hosted-'))
  fs.mkdirSync(path.join(dir, 'static'))
  fs.writeFileSync(path.join(dir, 'index.html'), PAGE)
  fs.writeFileSync(path.join(dir, 'static', 'sanity-BfdlTHeT.css'), STYLESHEET)
  fs.writeFileSync(path.join(dir, 'static', 'sanity-BxaIHls7.js'), BUNDLE)
  fs.writeFileSync(path.join(dir, 'static', 'other-CDLpUd2a.js'), 'export const x = 1')
  const serve = studioStatic(dir, 'local')
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

test('the page names the lake’s Inter instead of Sanity’s, and loads no bridge script', async () => {
  const response = await fetch(`${base}/`)
  const page = await response.text()
  expect(page).toContain('url("/static/inter/Inter-SemiBold.woff2")')
  expect(page).not.toContain('https://studio-static.sanity.io/Inter-SemiBold.woff2')
  expect(page).not.toContain('bridge.js')
  expect(page).toContain('<script src="/static/sanity-BxaIHls7.js" type="module"></script>')
  // A cut the package does not have keeps Sanity's address, for the page's policy to refuse.
  expect(page).toContain('https://studio-static.sanity.io/Inter-Heaviest.woff2')
  expect(Number(response.headers.get('content-length'))).toBe(Buffer.byteLength(page))
})

test('the stylesheet names the lake’s variable Inter, upright and italic', async () => {
  const css = await (await fetch(`${base}/static/sanity-BfdlTHeT.css`)).text()
  expect(css).toContain('url(/static/inter/InterVariable-subset.woff2)format("woff2-variations")')
  expect(css).toContain('url(/static/inter/InterVariable-Italic-subset.woff2)format("woff2-variations")')
  expect(css).not.toContain('sanity.io')
})

test('the lake serves every font the page and stylesheet name, as woff2, and nothing else under its font path', async () => {
  const page = await (await fetch(`${base}/`)).text()
  const css = await (await fetch(`${base}/static/sanity-BfdlTHeT.css`)).text()
  const named = [...`${page}${css}`.matchAll(/\/static\/inter\/[^")]+/g)].map(([address]) => address)
  expect(named).toHaveLength(3)
  for (const address of named) {
    const font = await fetch(`${base}${address}`)
    expect(font.status, address).toBe(200)
    expect(font.headers.get('content-type')).toBe('font/woff2')
    expect(font.headers.get('cache-control')).toBe('public, max-age=86400')
  }
  const regular = Buffer.from(await (await fetch(`${base}/static/inter/Inter-Regular.woff2`)).arrayBuffer())
  expect(regular.equals(fs.readFileSync(path.join(INTER, 'web', 'Inter-Regular.woff2')))).toBe(true)
  for (const other of ['/static/inter/package.json', '/static/inter/../package.json', '/static/inter/Inter-Nope.woff2']) {
    expect((await fetch(`${base}${other}`)).status, other).toBe(404)
  }
})

test('the bundle asks the lake, not Sanity’s module CDN or intake, for the newest release and the feedback check; other scripts go out as built', async () => {
  const bundle = await fetch(`${base}/static/sanity-BxaIHls7.js`)
  const script = await bundle.text()
  expect(script).toBe(
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the bundle's own source text
    'var yfr=`${uq?`https://sanity-cdn.work`:``}/v1/modules`;var Nit=`https://sanity-cdn.com`;' +
      'var _tr=`/vX/intake/feedback`;var Hq=`https://api.sanity.io/v2021-06-07/other`;',
  )
  expect(Number(bundle.headers.get('content-length'))).toBe(Buffer.byteLength(script))
  expect(bundle.headers.get('cache-control')).toBe('public, max-age=31536000, immutable')
  // Served again from the rewrite kept in memory, the same bytes.
  expect(await (await fetch(`${base}/static/sanity-BxaIHls7.js`)).text()).toBe(script)
  expect(await (await fetch(`${base}/static/other-CDLpUd2a.js`)).text()).toBe('export const x = 1')
})
