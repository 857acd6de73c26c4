import {randomBytes} from 'node:crypto'
import fs from 'node:fs'
import http from 'node:http'
import net from 'node:net'
import path from 'node:path'
import {afterAll, beforeAll, expect, test} from 'vitest'
import {createSanityClient} from '../../app/sanity/client.server'
import {COMMENT_STATUS_WEBHOOK, POST_PUBLISHED_WEBHOOK} from '../../scripts/comment-webhook'
import {seedContent} from '../../seed/seed-content'
import {type MailCatcher, startMailCatcher} from '../../stand-ins/mail/mail-catcher'
import {fillLakeTokens} from '../support/deploy-files'
import {type BuiltService, makeProductionTree, type ProductionTree, startFromBuild} from '../support/production-tree'
import {freePort} from '../support/stack'

// docs/deploying.md's hosted-Sanity shape: the production-built site alone, configured for a
// Sanity project exactly as against sanity.io (SANITY_PROJECT_ID, an Editor token, its own
// hosts <project>.api.sanity.io and <project>.apicdn.sanity.io), and the local lake playing that
// project. There is no internet here, so the site's outgoing HTTPS goes through an HTTPS_PROXY
// (which Node's fetch, under @sanity/client, honours): a CONNECT proxy that counts what the site
// sends to each host and hands it to the lake, whose certificate names both hosts. The
// lake sends the two webhooks as sanity.io/manage's settings do (docs/hosted-sanity.md).

const PROJECT_ID = 'lib0test'
const API_HOST = `${PROJECT_ID}.api.sanity.io:443`
const CDN_HOST = `${PROJECT_ID}.apicdn.sanity.io:443`
const POST_PATH = '/2013/07/25/hold-on-we-dont-do-that-sex-therapy-v-sexual-surrogacy/'

let tree: ProductionTree
let lake: BuiltService
let site: BuiltService
let mail: MailCatcher
let proxy: http.Server
let siteUrl: string
let administratorToken: string
let lakeUrl: string
/** Bytes the site sent (encrypted) to each host it asked the proxy for. */
const sent = new Map<string, number>()
const sentTo = (host: string) => sent.get(host) ?? 0

/** An HTTPS proxy that lets through only the project's two hosts, to the lake's HTTPS listener. */
function startProxy(lakeHttpsPort: number): Promise<{server: http.Server; port: number}> {
  const server = http.createServer((_req, res) => res.writeHead(405).end())
  server.on('connect', (req: http.IncomingMessage, client: net.Socket, head: Buffer) => {
    const host = req.url ?? ''
    sent.set(host, sentTo(host) + head.length)
    if (host !== API_HOST && host !== CDN_HOST) {
      client.end('HTTP/1.1 403 Forbidden\r\n\r\n')
      return
    }
    client.on('data', (chunk: Buffer) => sent.set(host, sentTo(host) + chunk.length))
    const upstream = net.connect(lakeHttpsPort, '127.0.0.1', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n')
      upstream.write(head)
      upstream.pipe(client)
      client.pipe(upstream)
    })
    upstream.on('error', () => client.destroy())
    client.on('error', () => upstream.destroy())
  })
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({server, port: (server.address() as net.AddressInfo).port})))
}

beforeAll(async () => {
  tree = makeProductionTree()
  const etc = path.join(tree.root, 'etc')
  fs.mkdirSync(etc)
  const [sitePort, lakePort, lakeHttpsPort] = [await freePort(), await freePort(), await freePort()]
  siteUrl = `http://localhost:${sitePort}`
  lakeUrl = `http://127.0.0.1:${lakePort}`
  administratorToken = randomBytes(32).toString('hex')
  const editorToken = randomBytes(32).toString('hex')
  const secret = randomBytes(32).toString('hex')
  const dataDir = path.join(tree.root, 'lake-data')
  // The webhooks as docs/hosted-sanity.md has them created at sanity.io/manage.
  const webhooks = path.join(etc, 'webhooks.json')
  fs.writeFileSync(
    webhooks,
    JSON.stringify([
      {...COMMENT_STATUS_WEBHOOK, url: `${siteUrl}/hooks/comment-status`, dataset: 'production', httpMethod: 'POST', apiVersion: 'v2025-02-19', secret},
      {...POST_PUBLISHED_WEBHOOK, url: `${siteUrl}/hooks/post-published`, dataset: 'production', httpMethod: 'POST', apiVersion: 'v2025-02-19', secret},
    ]),
  )
  lake = await startFromBuild(
    tree,
    'serve:lake',
    {
      CONTENT_LAKE_PROJECT_ID: PROJECT_ID,
      CONTENT_LAKE_DATA_DIR: dataDir,
      CONTENT_LAKE_PORT: String(lakePort),
      CONTENT_LAKE_HTTPS_PORT: String(lakeHttpsPort),
      CONTENT_LAKE_TLS_HOSTNAMES: `${PROJECT_ID}.api.sanity.io,${PROJECT_ID}.apicdn.sanity.io`,
      CONTENT_LAKE_TOKEN: administratorToken,
      // The Editor token sanity.io/manage would issue; no reader token: public reads carry none.
      CONTENT_LAKE_TOKENS_FILE: fillLakeTokens(tree.root, etc, {site: editorToken, reader: randomBytes(32).toString('hex')}),
      CONTENT_LAKE_WEBHOOKS_FILE: webhooks,
    },
    `${lakeUrl}/readyz`,
  )
  await seedContent(
    createSanityClient(
      {mode: 'local', projectId: PROJECT_ID, dataset: 'production', apiVersion: '2025-02-19', apiHost: lakeUrl, useProjectHostname: false, useCdn: false},
      administratorToken,
    ),
  )
  mail = await startMailCatcher()
  const started = await startProxy(lakeHttpsPort)
  proxy = started.server
  site = await startFromBuild(
    tree,
    'serve',
    {
      PORT: String(sitePort),
      SITE_URL: siteUrl,
      SESSION_SECRET: randomBytes(32).toString('hex'),
      SANITY_PROJECT_ID: PROJECT_ID,
      SANITY_DATASET: 'production',
      SANITY_API_WRITE_TOKEN: editorToken,
      COMMENT_WEBHOOK_SECRET: secret,
      SMTP_URL: mail.smtpUrl,
      HTTPS_PROXY: `http://127.0.0.1:${started.port}`,
      // The lake's CA stands in for the public ones that sign sanity.io's certificates.
      NODE_EXTRA_CA_CERTS: path.join(dataDir, 'tls', 'ca.pem'),
    },
    `${siteUrl}/readyz`,
  )
}, 300_000)

afterAll(async () => {
  await site?.stop()
  await lake?.stop()
  await mail?.close()
  proxy?.close()
  tree?.remove()
})

test('public pages read from the project through its CDN host, without reaching anywhere else', async () => {
  const before = sentTo(CDN_HOST)
  // Not asked for before, so not in the page cache: it is read now.
  const page = await fetch(`${siteUrl}/category/sexual-health/`)
  expect(page.status).toBe(200)
  expect((await page.text()).includes('The universe has impeccable timing'), "the post's excerpt is listed").toBe(true)
  expect(sentTo(CDN_HOST)).toBeGreaterThan(before)
  expect([...sent.keys()].filter((host) => host !== CDN_HOST && host !== API_HOST)).toEqual([])
})

test('a comment is written with the Editor token through the API host, and approving it reaches the site by the comment-status webhook', async () => {
  // The reader also asks to hear of new posts: the next test publishes one.
  const page = await (await fetch(`${siteUrl}${POST_PATH}`)).text()
  const formToken = /name="formToken" value="([^"]+)"/.exec(page)?.[1]
  expect(formToken).toBeDefined()
  const before = sentTo(API_HOST)
  const text = `A comment for the hosted project at ${Date.now()}.`
  const posted = await fetch(`${siteUrl}${POST_PATH}`, {
    method: 'POST',
    redirect: 'manual',
    headers: {Origin: siteUrl},
    body: new URLSearchParams({
      formToken: formToken!,
      name: 'Hosted reader',
      email: 'hosted-reader@example.com',
      body: text,
      notifyReplies: 'on',
      notifyPosts: 'on',
    }),
  })
  expect(posted.status).toBe(303)
  // The comment went to the API host (with the Editor token: a token never goes to the CDN).
  expect(sentTo(API_HOST) - before).toBeGreaterThan(text.length)

  const admin = createSanityClient(
    {mode: 'local', projectId: PROJECT_ID, dataset: 'production', apiVersion: '2025-02-19', apiHost: lakeUrl, useProjectHostname: false, useCdn: false},
    administratorToken,
  )
  const [comment] = await admin.fetch<{_id: string; status: string}[]>('*[_type == "comment" && body == $text]{_id, status}', {text})
  expect(comment?.status).toBe('pending')

  // A moderator approves it (in the Studio: a patch of its status); the project's webhook,
  // signed with the shared secret, tells the site, which emails the commenter.
  await admin.patch(comment!._id).set({status: 'approved'}).commit({visibility: 'sync'})
  await expect
    .poll(
      () =>
        mail.store
          .list()
          .filter((message) => message.to.includes('hosted-reader@example.com'))
          .map((message) => message.subject)
          .sort(),
      {timeout: 15_000},
    )
    // The follow-up box asks, once, to confirm the address (issue #19); then the approval.
    .toEqual(['Confirm follow-up comments on Life in Balance', 'Your comment on Life in Balance is published'])
})

test('publishing a post reaches the site by the post-published webhook, which emails the readers who asked', async () => {
  const admin = createSanityClient(
    {mode: 'local', projectId: PROJECT_ID, dataset: 'production', apiVersion: '2025-02-19', apiHost: lakeUrl, useProjectHostname: false, useCdn: false},
    administratorToken,
  )
  await admin.create(
    {
      _id: 'post-hosted-news',
      _type: 'post',
      title: 'News for the hosted project',
      slug: {_type: 'slug', current: 'hosted-news'},
      publishedAt: new Date().toISOString(),
    },
    {visibility: 'sync'},
  )
  await expect
    .poll(() => mail.store.list().filter((message) => message.to.includes('hosted-reader@example.com') && message.subject.startsWith('New post')).length, {
      timeout: 15_000,
    })
    .toBe(1)
})
