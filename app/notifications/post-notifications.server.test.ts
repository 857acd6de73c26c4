import fs from 'node:fs'
import http from 'node:http'
import type {AddressInfo} from 'node:net'
import os from 'node:os'
import path from 'node:path'
import {encodeSignatureHeader} from '@sanity/webhook'
import type {SanityClient} from '@sanity/client'
import {afterAll, beforeAll, expect, test} from 'vitest'
import {type LakeProcess, startLakeProcess, TEST_TOKEN} from '../../content-lake/test/lake-process'
import {writeLakeWebhooks} from '../../scripts/comment-webhook'
import {type MailCatcher, startMailCatcher} from '../../stand-ins/mail/mail-catcher'
import {createComment, linkLabelled, mailTo} from '../../tests/support/comments-fixture'

/**
 * "Notify me of new posts by email.", the whole loop: a post published in a real lake → the
 * lake's signed post-published webhook (from the webhooks file npm start writes) → the
 * /hooks/post-published route → a real SMTP mail catcher.
 */

const SECRET = 'post-webhook-secret-for-tests-0123456789'
const SITE = 'http://localhost:3999'
let lake: LakeProcess
let mail: MailCatcher
let client: SanityClient
let hook: http.Server
let route: typeof import('../routes/hooks.post-published')
let announceNewPost: typeof import('./post-notifications.server').announceNewPost
let unsubscribe: typeof import('./unsubscribe.server')
/** The post ids the route was called for, with its answers. */
const deliveries: Array<{postId: string; status: number; answer: {done?: string}}> = []

beforeAll(async () => {
  mail = await startMailCatcher()
  Object.assign(process.env, {
    NODE_ENV: 'test',
    SITE_URL: SITE,
    SANITY_API_WRITE_TOKEN: TEST_TOKEN,
    SESSION_SECRET: 'a-test-session-secret-of-at-least-32-characters',
    SMTP_URL: mail.smtpUrl,
    COMMENT_WEBHOOK_SECRET: SECRET,
  })
  route = await import('../routes/hooks.post-published')
  ;({announceNewPost} = await import('./post-notifications.server'))
  unsubscribe = await import('./unsubscribe.server')
  hook = http.createServer(async (request, response) => {
    let body = ''
    for await (const chunk of request) body += chunk
    if (request.url !== '/hooks/post-published') return response.writeHead(204).end()
    const headers = Object.fromEntries(Object.entries(request.headers).map(([name, value]) => [name, String(value)]))
    const answer = (await route.action({
      request: new Request(`${SITE}${request.url}`, {method: 'POST', headers, body}),
      params: {},
      context: {clientAddress: '127.0.0.1'},
    })) as Response
    const json = (await answer.json()) as {done?: string}
    deliveries.push({postId: (JSON.parse(body) as {_id: string})._id, status: answer.status, answer: json})
    response.writeHead(answer.status, {'Content-Type': 'application/json'}).end(JSON.stringify(json))
  })
  await new Promise<void>((resolve) => hook.listen(0, '127.0.0.1', resolve))
  const webhooksFile = writeLakeWebhooks(fs.mkdtempSync(path.join(os.tmpdir(), 'post-hooks-')), {
    siteOrigin: `http://127.0.0.1:${(hook.address() as AddressInfo).port}`,
    secret: SECRET,
  })
  lake = await startLakeProcess(undefined, {CONTENT_LAKE_WEBHOOKS_FILE: webhooksFile})
  process.env.CONTENT_LAKE_URL = lake.url
  client = lake.client()
  await client.createOrReplace({_id: 'siteSettings', _type: 'siteSettings', title: 'Fixture Blog', timeZone: 'America/New_York'})
  // Two comments from one address (in two cases), another subscriber, and people who must get nothing.
  const subscriber = (id: string, email: string, extra: Record<string, unknown> = {}) =>
    createComment(client, {id, email, status: 'approved', notifyPosts: true, postId: 'post-old', ...extra})
  await subscriber('comment-ann-1', 'ann@example.com')
  await subscriber('comment-ann-2', 'ANN@example.com')
  await subscriber('comment-bo', 'bo@example.com')
  await subscriber('comment-cy', 'cy@example.com', {status: 'pending'})
  await subscriber('comment-spam', 'victim@example.com', {status: 'spam'})
  await subscriber('comment-di', 'di@example.com', {notifyPosts: false, notifyReplies: true})
}, 60_000)
afterAll(async () => {
  await lake?.stop()
  await mail?.close()
  await new Promise((resolve) => hook?.close(resolve))
})

async function deliveredFor(postId: string, count = 1): Promise<typeof deliveries> {
  const deadline = Date.now() + 10_000
  for (;;) {
    const found = deliveries.filter((delivery) => delivery.postId === postId)
    if (found.length >= count) return found
    if (Date.now() > deadline) throw new Error(`The lake did not call the site for ${postId}`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

/** A delivery as the lake sends it, signed with `secret`, straight to the route. */
async function deliver(postId: string, secret: string): Promise<Response> {
  const body = JSON.stringify({_id: postId})
  const headers = {'sanity-webhook-signature': await encodeSignatureHeader(body, Date.now(), secret)}
  const request = new Request(`${SITE}/hooks/post-published`, {method: 'POST', body, headers})
  return (await route.action({request, params: {}, context: {clientAddress: '127.0.0.1'}})) as Response
}

const today = () => new Date().toISOString()
const newPost = (id: string, extra: Record<string, unknown> = {}) => ({
  _id: id,
  _type: 'post',
  title: `Sleep & worry (${id})`,
  slug: {_type: 'slug', current: id},
  excerpt: 'Why the small hours feel so heavy, and what helps.',
  ...extra,
})

test('a newly published post is emailed once to each subscriber, with title, excerpt, link and a way to stop', async () => {
  const publishedAt = today()
  await client.create(newPost('post-new', {publishedAt}), {visibility: 'sync'})
  expect((await deliveredFor('post-new'))[0]).toMatchObject({status: 200, answer: {done: 'sent'}})

  const [toAnn] = await mailTo(mail, 'ann@example.com')
  expect(toAnn!.subject).toBe('New post on Fixture Blog: “Sleep & worry (post-new)”')
  expect(toAnn!.text).toContain('Why the small hours feel so heavy, and what helps.')
  const {year, month, day} = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {timeZone: 'America/New_York', year: 'numeric', month: '2-digit', day: '2-digit'})
      .formatToParts(new Date(publishedAt))
      .map((part) => [part.type, part.value]),
  )
  expect(linkLabelled(toAnn!, 'Read the post')).toBe(`${SITE}/${year}/${month}/${day}/post-new/`)
  expect(linkLabelled(toAnn!, 'Stop these emails')).toMatch(`${SITE}/unsubscribe/`)
  // HTML says the same, escaped.
  expect(toAnn!.html).toContain('Sleep &#38; worry (post-new)')
  expect(await mailTo(mail, 'bo@example.com')).toHaveLength(1)

  // Edits, and the same delivery again, send nothing more.
  await client.patch('post-new').set({title: 'Sleep and worry, revised'}).commit({visibility: 'sync'})
  const again = await deliver('post-new', SECRET)
  expect(await again.json()).toEqual({done: 'already-announced'})
  expect(await mailTo(mail, 'ann@example.com', 0)).toHaveLength(1)
  expect(await mailTo(mail, 'bo@example.com', 0)).toHaveLength(1)
  // Only approved comments' addresses, only those who asked.
  for (const nobody of ['cy@example.com', 'victim@example.com', 'di@example.com']) expect(await mailTo(mail, nobody, 0)).toEqual([])
})

test('a post given its date later (published then) is announced; an old or back-dated one is not', async () => {
  await client.create(newPost('post-undated'), {visibility: 'sync'})
  await client.patch('post-undated').set({publishedAt: today()}).commit({visibility: 'sync'})
  expect((await deliveredFor('post-undated'))[0]!.answer).toEqual({done: 'sent'})
  expect((await mailTo(mail, 'bo@example.com', 2)).map((message) => message.subject)).toContain('New post on Fixture Blog: “Sleep & worry (post-undated)”')

  await client.create(newPost('post-imported', {publishedAt: '2013-07-25T12:00:00Z'}), {visibility: 'sync'})
  expect((await deliveredFor('post-imported'))[0]!.answer).toEqual({done: 'not-new'})
  expect(await announceNewPost('post-missing')).toBe('not-published')
  expect(await mailTo(mail, 'bo@example.com', 0)).toHaveLength(2)
})

test('a forged delivery is refused', async () => {
  const forged = await deliver('post-new', 'not-the-secret-0123456789')
  expect(forged.status).toBe(401)
})

test('"Stop these emails" in a new-post email stops new-post (and reply) emails to that address', async () => {
  const [toAnn] = await mailTo(mail, 'ann@example.com')
  const link = linkLabelled(toAnn!, 'Stop these emails')
  const request = new Request(link, {method: 'POST', headers: {Origin: SITE}})
  expect(await unsubscribe.performUnsubscribe(request, link.split('/unsubscribe/')[1]!)).toEqual({state: 'done', scope: 'everything'})
  for (const id of ['comment-ann-1', 'comment-ann-2']) {
    expect(await client.getDocument(`comment-private.${id}`)).toMatchObject({notifyPosts: false, notifyReplies: false})
  }

  await client.create(newPost('post-after', {publishedAt: today()}), {visibility: 'sync'})
  await deliveredFor('post-after')
  expect(await mailTo(mail, 'bo@example.com', 3)).toHaveLength(3)
  expect(await mailTo(mail, 'ann@example.com', 0)).toHaveLength(2)
})
