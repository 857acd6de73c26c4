import {spawnSync} from 'node:child_process'
import {randomBytes} from 'node:crypto'
import fs from 'node:fs'
import https from 'node:https'
import path from 'node:path'
import {afterAll, beforeAll, expect, test} from 'vitest'
import {createSanityClient} from '../../app/sanity/client.server'
import {COMMENT_STATUS_WEBHOOK, POST_PUBLISHED_WEBHOOK} from '../../scripts/comment-webhook'
import {seedContent} from '../../seed/seed-content'
import {fillLakeTokens, fillLakeWebhooks, readEnvFile, type RunningCaddy, startCaddy} from '../support/deploy-files'
import {type BuiltService, makeProductionTree, type ProductionTree, startFromBuild} from '../support/production-tree'
import {freePort} from '../support/stack'

// docs/deploying.md's self-hosted shape: the production build of the site and the lake, with
// deploy/'s env files and the lake's tokens and webhooks files filled in, behind Debian's Caddy
// running deploy/Caddyfile. Only Caddy's certificates differ: its local CA instead of Let's Encrypt.

const POST_PATH = '/2013/07/25/hold-on-we-dont-do-that-sex-therapy-v-sexual-surrogacy/'
const SITE_HOST = 'blog.test'
const STUDIO_HOST = 'studio.blog.test'

let tree: ProductionTree
let lake: BuiltService
let site: BuiltService
let caddy: RunningCaddy
let httpsPort: number
let httpPort: number
let administratorToken: string
let lakeUrl: string
const siteUrl = () => `https://${SITE_HOST}:${httpsPort}`
const studioUrl = () => `https://${STUDIO_HOST}:${httpsPort}`

beforeAll(async () => {
  tree = makeProductionTree()
  const etc = path.join(tree.root, 'etc')
  fs.mkdirSync(etc)
  const [sitePort, lakePort, lakeHttpsPort] = [await freePort(), await freePort(), await freePort()]
  ;[httpPort, httpsPort] = [await freePort(), await freePort()]
  const secret = randomBytes(32).toString('hex')
  const [site_, reader] = [randomBytes(32).toString('hex'), randomBytes(32).toString('hex')]
  administratorToken = randomBytes(32).toString('hex')
  const dataDir = path.join(tree.root, 'var-lib', 'content-lake')
  lakeUrl = `http://127.0.0.1:${lakePort}`

  lake = await startFromBuild(
    tree,
    'serve:lake',
    {
      ...readEnvFile(path.join(tree.root, 'deploy', 'env', 'lake.env.example')),
      CONTENT_LAKE_DATA_DIR: dataDir,
      CONTENT_LAKE_PORT: String(lakePort),
      CONTENT_LAKE_HTTPS_PORT: String(lakeHttpsPort),
      CONTENT_LAKE_STUDIO_DIR: path.join(tree.root, 'studio', 'dist'),
      CONTENT_LAKE_CORS_ORIGINS: studioUrl(),
      CONTENT_LAKE_PUBLIC_URL: studioUrl(),
      CONTENT_LAKE_TOKEN: administratorToken,
      CONTENT_LAKE_TOKENS_FILE: fillLakeTokens(tree.root, etc, {site: site_, reader}),
      CONTENT_LAKE_WEBHOOKS_FILE: fillLakeWebhooks(tree.root, etc, {sitePort, secret}),
      CONTENT_LAKE_BACKUP_DIR: path.join(tree.root, 'var-backups'),
    },
    `${lakeUrl}/readyz`,
  )
  await seedContent(
    createSanityClient(
      {mode: 'local', projectId: 'local', dataset: 'production', apiVersion: '2025-02-19', apiHost: lakeUrl, useProjectHostname: false, useCdn: false},
      administratorToken,
    ),
  )
  site = await startFromBuild(
    tree,
    'serve',
    {
      ...readEnvFile(path.join(tree.root, 'deploy', 'env', 'site.env.example')),
      SITE_URL: siteUrl(),
      PORT: String(sitePort),
      SESSION_SECRET: randomBytes(32).toString('hex'),
      COMMENT_WEBHOOK_SECRET: secret,
      CONTENT_LAKE_URL: lakeUrl,
      SANITY_API_WRITE_TOKEN: site_,
      CONTENT_LAKE_READER_TOKEN: reader,
      // One comment per network in the window: the second from the same reader is refused.
      COMMENT_RATE_LIMIT_PER_NETWORK: '1',
    },
    `http://127.0.0.1:${sitePort}/readyz`,
  )
  caddy = await startCaddy(tree.root, tree.root, {
    httpPort,
    httpsPort,
    env: {
      ...readEnvFile(path.join(tree.root, 'deploy', 'env', 'caddy.env.example')),
      SITE_HOST,
      STUDIO_HOST,
      SITE_PORT: String(sitePort),
      LAKE_HTTPS_PORT: String(lakeHttpsPort),
      LAKE_CA_FILE: path.join(dataDir, 'tls', 'ca.pem'),
    },
  })
  // Caddy makes its certificates just after it starts serving.
  const deadline = Date.now() + 30_000
  while (curl(`${siteUrl()}/healthz`).status !== 0) {
    if (Date.now() > deadline) throw new Error(`Caddy served no certificate in time:\n${caddy.output()}`)
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
}, 300_000)

afterAll(async () => {
  await caddy?.stop()
  await site?.stop()
  await lake?.stop()
  tree?.remove()
})

interface CurlAnswer {
  status: number | null
  /** Status line and headers, lower-cased names. */
  headers: Record<string, string>
  httpVersion: string
  body: string
}

/** curl through Caddy, resolving the test's host names to this machine and trusting Caddy's CA. */
function curl(url: string, args: string[] = []): CurlAnswer {
  const headersFile = path.join(tree.root, 'curl-headers')
  const result = spawnSync(
    'curl',
    [
      '--silent',
      '--show-error',
      '--http2',
      '--resolve',
      `${SITE_HOST}:${httpsPort}:127.0.0.1`,
      '--resolve',
      `${STUDIO_HOST}:${httpsPort}:127.0.0.1`,
      '--resolve',
      `${SITE_HOST}:${httpPort}:127.0.0.1`,
      '--cacert',
      caddy?.rootCertificate ?? '/dev/null',
      '--dump-header',
      headersFile,
      '--write-out',
      '\n%{http_version}',
      ...args,
      url,
    ],
    {encoding: 'buffer'},
  )
  const text = result.stdout.toString('latin1')
  const cut = text.lastIndexOf('\n')
  const headerText = fs.existsSync(headersFile) ? fs.readFileSync(headersFile, 'utf8') : ''
  const headers = Object.fromEntries(
    headerText
      .split('\r\n')
      .slice(1)
      .filter((line) => line.includes(':'))
      .map((line) => [line.slice(0, line.indexOf(':')).toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]),
  )
  return {status: result.status, headers, httpVersion: text.slice(cut + 1), body: text.slice(0, cut)}
}

/** One request through Caddy from a local address of the test's choosing: a reader on another network. */
function request(
  from: string,
  method: 'GET' | 'POST',
  pathname: string,
  body?: URLSearchParams,
): Promise<{status: number; headers: Record<string, string | string[] | undefined>; text: string}> {
  return new Promise((resolve, reject) => {
    const outgoing = https.request(
      {
        host: '127.0.0.1',
        port: httpsPort,
        servername: SITE_HOST,
        localAddress: from,
        ca: fs.readFileSync(caddy.rootCertificate),
        method,
        path: pathname,
        agent: false,
        headers: {
          host: `${SITE_HOST}:${httpsPort}`,
          ...(body ? {origin: siteUrl(), 'content-type': 'application/x-www-form-urlencoded'} : {}),
        },
      },
      (response) => {
        let text = ''
        response.setEncoding('utf8')
        response.on('data', (chunk: string) => (text += chunk))
        response.on('end', () => resolve({status: response.statusCode ?? 0, headers: response.headers, text}))
      },
    )
    outgoing.on('error', reject)
    outgoing.end(body?.toString())
  })
}

test('the site answers over HTTPS with HTTP/2, compressed, with its security headers; plain HTTP is sent to HTTPS', () => {
  const gzip = curl(`${siteUrl()}${POST_PATH}`, ['--header', 'Accept-Encoding: gzip'])
  expect(gzip.status).toBe(0)
  expect(gzip.httpVersion).toBe('2')
  expect(gzip.headers['content-encoding']).toBe('gzip')
  expect(gzip.headers['content-security-policy']).toContain("default-src 'self'")
  expect(gzip.headers['strict-transport-security']).toBe('max-age=31536000')
  expect(gzip.headers['x-frame-options']).toBe('DENY')
  expect(gzip.headers['x-content-type-options']).toBe('nosniff')

  const zstd = curl(`${siteUrl()}${POST_PATH}`, ['--header', 'Accept-Encoding: zstd'])
  expect(zstd.headers['content-encoding']).toBe('zstd')
  // curl decodes what it asked for by name only: unasked, the page comes as it is.
  const plain = curl(`${siteUrl()}${POST_PATH}`)
  expect(plain.headers['content-encoding']).toBeUndefined()
  expect(plain.body).toContain('Sexual surrogacy involves sex surrogates')

  const http = curl(`http://${SITE_HOST}:${httpPort}${POST_PATH}`)
  // To the standard HTTPS port, whatever the test's own is.
  expect(http.headers.location).toBe(`https://${SITE_HOST}${POST_PATH}`)
})

test('the Studio and its API are served by the lake at the Studio host name', () => {
  const studio = curl(`${studioUrl()}/`)
  expect(studio.httpVersion).toBe('2')
  expect(studio.body).toContain('<div id="sanity"')
  const me = curl(`${studioUrl()}/v2025-02-19/users/me`, ['--header', `Authorization: Bearer ${administratorToken}`])
  expect(JSON.parse(me.body)).toMatchObject({role: 'administrator'})
  // The lake's API for the site is not behind Caddy: the site host does not serve it.
  expect(curl(`${siteUrl()}/v2025-02-19/users/me`).body).not.toContain('administrator')
})

test("a comment through Caddy reaches the lake, and the rate limit counts each reader's own address", async () => {
  const page = await request('127.0.1.5', 'GET', POST_PATH)
  const formToken = /name="formToken" value="([^"]+)"/.exec(page.text)?.[1]
  expect(formToken).toBeDefined()
  const comment = (from: string, n: number) =>
    request(
      from,
      'POST',
      POST_PATH,
      new URLSearchParams({formToken: formToken!, name: `Reader ${n}`, email: `reader-${n}@example.com`, body: `Through Caddy, number ${n}.`}),
    )

  expect((await comment('127.0.1.5', 1)).status).toBe(303)
  // The same network again: refused. Were Caddy's own address counted, the next one would be too.
  expect((await comment('127.0.1.5', 2)).status).toBe(429)
  expect((await comment('127.0.2.5', 3)).status).toBe(303)

  const admin = createSanityClient(
    {mode: 'local', projectId: 'local', dataset: 'production', apiVersion: '2025-02-19', apiHost: lakeUrl, useProjectHostname: false, useCdn: false},
    administratorToken,
  )
  const stored = await admin.fetch<{body: string; status: string}[]>('*[_type == "comment" && body match "Through Caddy"] | order(body asc){body, status}')
  expect(stored).toEqual([
    {body: 'Through Caddy, number 1.', status: 'pending'},
    {body: 'Through Caddy, number 3.', status: 'pending'},
  ])
})

test('held comments cannot be read through the Studio host without a token; with a Studio token they can', () => {
  const query = encodeURIComponent('*[_type == "comment"]{body}')
  for (const address of [
    `/v2025-02-19/data/query/production?query=${query}`,
    `//v2025-02-19//data/query/production?query=${query}`,
    `/v1/data/query/production?query=${query}`,
    `/v2025-02-19/data/listen/production?query=${query}`,
    `/v2025-02-19/data/export/production`,
  ]) {
    const answer = curl(`${studioUrl()}${address}`, ['--max-time', '5'])
    expect(answer.body, address).not.toContain('Through Caddy')
  }
  expect(curl(`${studioUrl()}/v2025-02-19/data/query/production?query=${query}`).body).toContain('Sign in to the Studio')
  const withToken = curl(`${studioUrl()}/v2025-02-19/data/query/production?query=${query}`, ['--header', `Authorization: Bearer ${administratorToken}`])
  expect(withToken.body).toContain('Through Caddy, number 1.')
  // Readers' browsers still get images and files from there.
  expect(curl(`${studioUrl()}/images/local/production/none.png`).body).not.toContain('Sign in to the Studio')
})

test("the lake's webhooks template carries the site's filters and projections", () => {
  const webhooks = JSON.parse(fs.readFileSync(path.join(tree.root, 'deploy', 'env', 'lake-webhooks.json.example'), 'utf8')) as Record<string, unknown>[]
  expect(webhooks).toMatchObject([
    {...COMMENT_STATUS_WEBHOOK, on: [...COMMENT_STATUS_WEBHOOK.on]},
    {...POST_PUBLISHED_WEBHOOK, on: [...POST_PUBLISHED_WEBHOOK.on]},
  ])
})

test('the systemd units are valid, restart on failure and run the built files', () => {
  const units = path.join(tree.root, 'units')
  fs.mkdirSync(units)
  for (const name of ['life-in-balance-lake.service', 'life-in-balance-site.service']) {
    const text = fs.readFileSync(path.join(tree.root, 'deploy', 'systemd', name), 'utf8')
    expect(text).toContain('Restart=on-failure')
    // Where this machine's node is: the units name Debian's /usr/bin/node.
    fs.writeFileSync(path.join(units, name), text.replaceAll('/usr/bin/node', process.execPath))
  }
  const result = spawnSync('systemd-analyze', ['verify', ...fs.readdirSync(units).map((name) => path.join(units, name))], {encoding: 'utf8'})
  expect(result.stderr).toBe('')
  expect(result.status).toBe(0)
  // What the units start is what the production-build test starts: the npm scripts' commands.
  const scripts = (JSON.parse(fs.readFileSync(path.join(tree.root, 'package.json'), 'utf8')) as {scripts: Record<string, string>}).scripts
  const execStart = (name: string) => /^ExecStart=\/usr\/bin\/(.*)$/m.exec(fs.readFileSync(path.join(tree.root, 'deploy', 'systemd', name), 'utf8'))?.[1]
  expect(`NODE_ENV=production ${execStart('life-in-balance-site.service')}`).toBe(scripts.serve)
  expect(`NODE_ENV=production ${execStart('life-in-balance-lake.service')}`).toBe(scripts['serve:lake'])
})
