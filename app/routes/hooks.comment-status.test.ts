import fs from 'node:fs'
import http from 'node:http'
import type {AddressInfo} from 'node:net'
import os from 'node:os'
import path from 'node:path'
import {encodeSignatureHeader} from '@sanity/webhook'
import {afterAll, beforeAll, expect, test, vi} from 'vitest'
import {type LakeProcess, startLakeProcess, TEST_TOKEN} from '../../content-lake/test/lake-process'
import {COMMENT_STATUS_WEBHOOK} from '../../scripts/comment-webhook'
import {type AkismetStandIn, type LogEntry, startAkismetStandIn} from '../../stand-ins/akismet/server'
import {type AkismetCommentParams, checkComment} from '~/comments/akismet.server'
import {reportFor} from '~/moderation/moderation-effects.server'
import {getWriteClient} from '~/sanity/client.server'
import {setCommentStatus} from '~/sanity/comments.server'
import {seal} from '~/security/sealed.server'
import {action, loader} from './hooks.comment-status'

/**
 * The whole loop: a status change in a real lake → the lake's signed webhook (from a webhooks
 * file, as npm start writes it) → this route → the Akismet stand-in, the sent-markers and the
 * comment's public copy.
 */

const SECRET = 'webhook-secret-for-tests-0123456789'
let lake: LakeProcess
let standIn: AkismetStandIn
let hook: http.Server
let hookUrl: string
/** Every delivery the route got, as it got it, with its answer. */
const deliveries: Array<{body: string; headers: Record<string, string>; status: number; answer: unknown}> = []

async function callRoute(body: string, headers: Record<string, string>): Promise<Response> {
  const request = new Request(hookUrl, {method: 'POST', headers, body})
  return (await action({request, params: {}, context: {clientAddress: '127.0.0.1'}})) as Response
}

beforeAll(async () => {
  standIn = await startAkismetStandIn()
  hook = http.createServer(async (request, response) => {
    let body = ''
    for await (const chunk of request) body += chunk
    const headers = Object.fromEntries(Object.entries(request.headers).map(([name, value]) => [name, String(value)]))
    const answer = await callRoute(body, headers)
    const json = await answer.json()
    deliveries.push({body, headers, status: answer.status, answer: json})
    response.writeHead(answer.status, {'Content-Type': 'application/json'}).end(JSON.stringify(json))
  })
  await new Promise<void>((resolve) => hook.listen(0, '127.0.0.1', resolve))
  hookUrl = `http://127.0.0.1:${(hook.address() as AddressInfo).port}/hooks/comment-status`

  const webhooksFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'comment-hooks-')), 'webhooks.json')
  fs.writeFileSync(webhooksFile, JSON.stringify([{...COMMENT_STATUS_WEBHOOK, url: hookUrl, secret: SECRET}]))
  lake = await startLakeProcess(undefined, {CONTENT_LAKE_WEBHOOKS_FILE: webhooksFile})

  // The site's settings, as npm start passes them (read on first use).
  vi.stubEnv('CONTENT_LAKE_URL', lake.url)
  vi.stubEnv('SANITY_API_WRITE_TOKEN', TEST_TOKEN)
  vi.stubEnv('SESSION_SECRET', 'a-session-secret-for-these-tests-only-0123456789')
  vi.stubEnv('AKISMET_KEY', 'local-dev-key')
  vi.stubEnv('AKISMET_API_URL', standIn.url)
  vi.stubEnv('COMMENT_WEBHOOK_SECRET', SECRET)
  vi.stubEnv('SITE_URL', 'http://localhost:3000')
  vi.stubEnv('SMTP_URL', undefined)
})

afterAll(async () => {
  await lake?.stop()
  await standIn?.close()
  await new Promise((resolve) => hook?.close(resolve))
  vi.unstubAllEnvs()
})

const params = (author: string): AkismetCommentParams => ({
  user_ip: '192.0.2.44',
  user_agent: 'Mozilla/5.0 (Macintosh)',
  permalink: 'http://localhost:3000/2013/07/25/hold-on/',
  comment_type: 'comment',
  comment_author: author,
  comment_author_email: `${author.toLowerCase()}@example.com`,
  comment_content: `A comment by ${author}.`,
  comment_date_gmt: '2026-11-27T09:10:00.000Z',
  honeypot_field_name: 'comment_url_confirm',
  honeypot_value: '',
})

const POST_REF = {_type: 'reference', _ref: 'post-1', _weak: true}

/** A comment's record as the pipeline stores it: checked by Akismet, with its sealed parameters. */
async function storeComment(id: string, status: string, checked: AkismetCommentParams) {
  await checkComment(checked)
  const transaction = lake
    .client()
    .transaction()
    .create({
      _id: `comment-private.${id}`,
      _type: 'comment',
      status,
      post: POST_REF,
      authorName: checked.comment_author,
      provider: 'guest',
      body: checked.comment_content,
      submittedAt: '2026-11-27T09:10:00.000Z',
      email: checked.comment_author_email,
      notifyReplies: true,
      akismetCheck: seal(checked),
    })
  if (status === 'approved') {
    transaction.create({
      _id: id,
      _type: 'publicComment',
      post: POST_REF,
      authorName: checked.comment_author,
      provider: 'guest',
      body: checked.comment_content,
      submittedAt: '2026-11-27T09:10:00.000Z',
    })
  }
  await transaction.commit({visibility: 'sync'})
}

const byEmail = {who: {kind: 'email', address: 'mod@example.com'}} as const

async function until<T>(probe: () => T | undefined | Promise<T | undefined>, what: string, ms = 10_000): Promise<T> {
  const deadline = Date.now() + ms
  for (;;) {
    const value = await probe()
    if (value !== undefined) return value
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

const calls = (endpoint: string, author: string): LogEntry[] =>
  standIn.log().filter((entry) => entry.endpoint === endpoint && entry.params.comment_author === author)
/** The calls once there are exactly `count` of them. */
const exactly = (count: number, endpoint: string, author: string) => () => {
  const found = calls(endpoint, author)
  return found.length === count ? found : undefined
}
const privateDetails = (id: string) => lake.client().getDocument(`comment-private.${id}`)

test('which changes are reported to Akismet', () => {
  expect(reportFor({_id: 'c', status: 'spam', previousStatus: 'pending'})).toBe('spam')
  expect(reportFor({_id: 'c', status: 'spam', previousStatus: 'approved'})).toBe('spam')
  expect(reportFor({_id: 'c', status: 'approved', previousStatus: 'spam'})).toBe('ham')
  expect(reportFor({_id: 'c', status: 'pending', previousStatus: 'spam'})).toBe('ham')
  expect(reportFor({_id: 'c', status: 'spam', previousStatus: 'trash'})).toBeNull()
  expect(reportFor({_id: 'c', status: 'trash', previousStatus: 'spam'})).toBeNull()
  expect(reportFor({_id: 'c', status: 'approved', previousStatus: 'pending'})).toBeNull()
  expect(reportFor({_id: 'c', status: 'spam', previousStatus: null})).toBeNull()
  expect(reportFor({_id: 'c', status: null, previousStatus: 'spam'})).toBeNull()
})

test('marked spam → one submit-spam with the checked parameters; rescued → one submit-ham and the approval notice; replays do nothing twice', async () => {
  await storeComment('comment-loop1', 'pending', params('Avery'))
  const [check] = calls('comment-check', 'Avery')

  await setCommentStatus(getWriteClient(), 'comment-loop1', 'spam', byEmail)
  const [spam] = await until(exactly(1, 'submit-spam', 'Avery'), 'submit-spam')
  expect(spam!.params).toEqual(check!.params)
  expect(spam!.params.user_ip).toBe('192.0.2.44')
  expect(spam!.isTest).toBe(true)
  expect(await privateDetails('comment-loop1')).toMatchObject({akismetReported: 'spam'})
  const spamDelivery = deliveries.find((d) => JSON.parse(d.body).status === 'spam' && JSON.parse(d.body)._id === 'comment-private.comment-loop1')!
  expect(spamDelivery).toMatchObject({status: 200, answer: {done: ['reported-spam']}})

  await setCommentStatus(getWriteClient(), 'comment-loop1', 'approved', byEmail)
  const [ham] = await until(exactly(1, 'submit-ham', 'Avery'), 'submit-ham')
  expect(ham!.params).toEqual(check!.params)
  const approved = await until(async () => {
    const details = await privateDetails('comment-loop1')
    return details?.approvalNotifiedAt ? details : undefined
  }, 'the approval notice')
  expect(approved).toMatchObject({akismetReported: 'ham'})

  // The lake's approval delivery, replayed as is: nothing happens again.
  const approval = deliveries.find((d) => JSON.parse(d.body).status === 'approved' && JSON.parse(d.body)._id === 'comment-private.comment-loop1')!
  expect(approval.headers['idempotency-key']).toBeTruthy()
  const replay = await callRoute(approval.body, approval.headers)
  expect(replay.status).toBe(200)
  // The stale "marked spam" delivery, replayed after the rescue: nothing either.
  const late = await callRoute(spamDelivery.body, spamDelivery.headers)
  expect(await late.json()).toEqual({done: [], duplicate: true})
  expect(calls('submit-spam', 'Avery')).toHaveLength(1)
  expect(calls('submit-ham', 'Avery')).toHaveLength(1)
  expect((await privateDetails('comment-loop1'))?.approvalNotifiedAt).toBe(approved.approvalNotifiedAt)
})

test('Akismet down while reporting: the delivery fails, the lake retries, Akismet hears it once', async () => {
  await storeComment('comment-loop2', 'approved', params('Blake'))
  standIn.next({endpoint: 'submit-spam', status: 503})
  await setCommentStatus(getWriteClient(), 'comment-loop2', 'spam', byEmail)
  await until(exactly(2, 'submit-spam', 'Blake'), 'the retried submit-spam')
  const answers = calls('submit-spam', 'Blake').map((entry) => (entry.answer === 'hang' ? 0 : entry.answer.status))
  expect(answers).toEqual([503, 200])
  // The second delivery is answered only after Akismet has heard it (the private record is written first).
  const delivered = await until(() => {
    const statuses = deliveries.filter((d) => JSON.parse(d.body)._id === 'comment-private.comment-loop2').map((d) => d.status)
    return statuses.length === 2 ? statuses : undefined
  }, 'the retried delivery to be answered')
  expect(delivered).toEqual([503, 200])
  expect(await privateDetails('comment-loop2')).toMatchObject({akismetReported: 'spam'})
})

test('a delivery without a valid signature is refused with 401 and does nothing', async () => {
  await storeComment('comment-loop3', 'spam', params('Casey'))
  const body = JSON.stringify({_id: 'comment-private.comment-loop3', status: 'spam', previousStatus: 'pending'})
  const forged = await encodeSignatureHeader(body, Date.now(), 'not-the-secret-0123456789')
  for (const headers of [{}, {'sanity-webhook-signature': forged}, {'sanity-webhook-signature': 'garbage'}] as Record<string, string>[]) {
    expect((await callRoute(body, {'content-type': 'application/json', ...headers})).status).toBe(401)
  }
  // Signed for another body: refused too.
  const other = await encodeSignatureHeader('{}', Date.now(), SECRET)
  expect((await callRoute(body, {'sanity-webhook-signature': other})).status).toBe(401)
  // The same body properly signed is accepted (so the refusals were the signature's doing).
  const signed = await encodeSignatureHeader(body, Date.now(), SECRET)
  const accepted = await callRoute(body, {'sanity-webhook-signature': signed})
  expect(accepted.status).toBe(200)
  expect(calls('submit-spam', 'Casey')).toHaveLength(1)
})

test('an approved comment edited outside the status actions (published in Studio): the webhook brings its public copy in line; removed, the copy goes', async () => {
  await storeComment('comment-loop4', 'approved', params('Dana'))
  const copy = () => lake.client({token: null}).getDocument('comment-loop4')
  // A moderator redacts the text and publishes: only the record changes.
  await lake.client().patch('comment-private.comment-loop4').set({body: 'Redacted by a moderator.'}).commit({visibility: 'sync'})
  await until(async () => ((await copy())?.body === 'Redacted by a moderator.' ? true : undefined), 'the redacted public copy')
  const redacted = deliveries.find((d) => JSON.parse(d.body)._id === 'comment-private.comment-loop4')!
  expect(redacted).toMatchObject({status: 200, answer: {done: ['public-copy-written']}})
  // Delivered again (a new delivery, signed anew), nothing is written again.
  const again = await callRoute(redacted.body, {'sanity-webhook-signature': await encodeSignatureHeader(redacted.body, Date.now(), SECRET)})
  expect(await again.json()).toEqual({done: []})
  // A status set in Studio by a plain patch (not the actions): the copy goes with the approval.
  await lake.client().patch('comment-private.comment-loop4').set({status: 'pending'}).commit({visibility: 'sync'})
  await until(async () => ((await copy()) === undefined ? true : undefined), 'the public copy to go')
  await lake.client().patch('comment-private.comment-loop4').set({status: 'approved'}).commit({visibility: 'sync'})
  await until(async () => ((await copy()) ? true : undefined), 'the public copy to come back')
  await lake.client().delete('comment-private.comment-loop4', {visibility: 'sync'})
  await until(async () => ((await copy()) === undefined ? true : undefined), 'the public copy to go with the record')
})

test('only POST: a GET is 405 with Allow', async () => {
  const answer = loader()
  expect(answer.status).toBe(405)
  expect(answer.headers.get('Allow')).toBe('POST')
})
