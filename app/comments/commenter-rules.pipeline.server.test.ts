import {afterAll, beforeAll, expect, test} from 'vitest'
import {commenterRuleDocument, type NewRule} from '../../contract/commenter-rules'
import {commentRecordId} from '../../contract/documents'
import {type AkismetStandIn, startAkismetStandIn} from '../../stand-ins/akismet/server'
import {type CommentsWorld, mailTo, POST, POST_PATH, startCommentsWorld} from '../../tests/support/comments-fixture'

// Bans and trusts as a moderator makes them in Studio (the rule written from a stored comment's
// record) and as the post page's action applies them: the real lake process over HTTP, the
// Akismet stand-in, the retention sweep.

let world: CommentsWorld
let akismet: AkismetStandIn
let handleCommentPost: typeof import('./comment-action.server').handleCommentPost
let issueFormToken: typeof import('~/security/form-token.server').issueFormToken
let purgeComments: typeof import('~/privacy/scheduled-purges.server').purgeComments

beforeAll(async () => {
  ;[world, akismet] = await Promise.all([startCommentsWorld(), startAkismetStandIn()])
  Object.assign(process.env, {AKISMET_KEY: 'local-dev-key', AKISMET_API_URL: akismet.url, AKISMET_TIMEOUT_MS: '1500', COMMENT_MIN_FILL_SECONDS: '2'})
  ;({handleCommentPost} = await import('./comment-action.server'))
  ;({issueFormToken} = await import('~/security/form-token.server'))
  ;({purgeComments} = await import('~/privacy/scheduled-purges.server'))
  // First comments wait for approval: what a trust lifts.
  await world.client.patch('siteSettings').set({'moderation.mode': 'holdFirstTime'}).commit({visibility: 'sync'})
}, 60_000)
afterAll(async () => {
  // Each held comment's email goes out after the answer: let them arrive before the lake stops.
  const held = await world.client.fetch<number>('count(*[_type == "comment" && status == "pending"])', {}, {perspective: 'raw'})
  await mailTo(world.mail, 'moderator@example.com', held)
  await Promise.all([world?.stop(), akismet?.close()])
})

async function postComment(fields: Record<string, string>, clientAddress: string) {
  const request = new Request(`${world.siteUrl}${POST_PATH}`, {
    method: 'POST',
    body: new URLSearchParams({formToken: issueFormToken(undefined, Date.now() - 10_000), ...fields}),
    headers: {Origin: world.siteUrl, 'User-Agent': 'Mozilla/5.0 (rules test)', Referer: `${world.siteUrl}${POST_PATH}`},
  })
  const response = (await handleCommentPost(request, {slug: POST.slug.current, clientAddress})) as Response
  expect(response.status).toBe(303)
  const id = new URL(response.headers.get('Location')!, world.siteUrl).hash.slice(1)
  return (await world.client.getDocument<Record<string, unknown> & {_id: string; status: string; spamReason?: string}>(commentRecordId(id)))!
}

/** What Studio's "Ban author…" / "Trust author…" writes, from the comment's record as Studio reads it. */
async function moderatorChooses(verdict: NewRule['verdict'], match: NewRule['match'], record: NewRule['source'], expiry: NewRule['expiry'] = '30d') {
  const rule = await commenterRuleDocument({verdict, match, source: record, reason: 'Test rule', expiry, now: new Date()})
  await world.client.createOrReplace(rule!, {visibility: 'sync'})
  return rule!
}

test('a banned email’s next comment is stored as spam with the reason for moderators; others are untouched', async () => {
  const first = await postComment({name: 'Rex', email: 'rex@example.com', body: 'A first comment.'}, '192.0.2.10')
  expect(first.status).toBe('pending')
  expect(first.networkPrefixHash).toEqual(expect.any(String))
  await moderatorChooses('ban', 'email', first)
  akismet.reset()
  const next = await postComment({name: 'Rex again', email: 'REX@example.com', body: 'Another comment.'}, '198.51.100.77')
  expect(next).toMatchObject({status: 'spam', spamReason: 'First comment from this commenter. Banned (email): Test rule.'})
  // Nothing of a banned reader's comment goes to Akismet: the ban decides.
  expect(akismet.log().filter((entry) => entry.endpoint === 'comment-check')).toEqual([])
  expect(next.akismetCheck).toBeUndefined()
  expect((await postComment({name: 'Sue', email: 'sue@example.com', body: 'Hello.'}, '198.51.100.78')).status).toBe('pending')
})

test('a network ban catches a neighbouring address in the same network', async () => {
  const first = await postComment({name: 'Ned', email: 'ned@example.com', body: 'From home.'}, '203.0.113.5')
  await moderatorChooses('ban', 'network', first)
  expect((await postComment({name: 'Ned2', email: 'ned2@example.com', body: 'From next door.'}, '203.0.113.99')).status).toBe('spam')
  expect((await postComment({name: 'Ned3', email: 'ned3@example.com', body: 'From elsewhere.'}, '203.0.114.1')).status).toBe('pending')
})

test('a trusted email skips the first-comment hold, but a comment that may come from someone in crisis is still held', async () => {
  const first = await postComment({name: 'Tia', email: 'tia@example.com', body: 'Hello there.'}, '192.0.2.20')
  expect(first.status).toBe('pending')
  await moderatorChooses('trust', 'email', first, 'never')
  expect((await postComment({name: 'Tia', email: 'tia@example.com', body: 'Thank you again.'}, '192.0.2.21')).status).toBe('approved')
  const care = await postComment({name: 'Tia', email: 'tia@example.com', body: 'Honestly everyone would be better off without me.'}, '192.0.2.22')
  expect(care).toMatchObject({status: 'pending', spamReason: expect.stringMatching(/^Needs care/)})
})

test('an expired rule stops at once, and the retention sweep deletes it', async () => {
  const first = await postComment({name: 'Exa', email: 'exa@example.com', body: 'Hi.'}, '192.0.2.30')
  const rule = await moderatorChooses('ban', 'email', first, '1d')
  await world.client
    .patch(rule._id)
    .set({expiresAt: new Date(Date.now() - 1000).toISOString()})
    .commit({visibility: 'sync'})
  expect((await postComment({name: 'Exa', email: 'exa@example.com', body: 'Hi again.'}, '192.0.2.31')).status).toBe('pending')
  const {rules} = await purgeComments(world.client, {spam: 30, trash: 30, decidedDetails: 30})
  expect(rules).toBe(1)
  expect(await world.client.getDocument(rule._id)).toBeUndefined()
  // Rules that have not expired stay.
  expect(await world.client.fetch('count(*[_type == "commenterRule"])', {}, {perspective: 'raw'})).toBeGreaterThanOrEqual(3)
})

test('privacy: rules and the network hash are never readable anonymously, whatever the query', async () => {
  const anonymous = world.lake.client({token: null})
  expect(await world.client.fetch('count(*[_type == "commenterRule"])', {}, {perspective: 'raw'})).toBeGreaterThan(0)
  expect(await anonymous.fetch('*[_type == "commenterRule" || _id in path("commenter-rule.*") || defined(key)]')).toEqual([])
  expect(await anonymous.fetch('*[defined(networkPrefixHash) || defined(reason)]')).toEqual([])
  const published = await anonymous.fetch<Record<string, unknown>[]>('*[_type == "publicComment"]')
  expect(published.length).toBeGreaterThan(0)
  for (const copy of published) expect(Object.keys(copy)).not.toContain('networkPrefixHash')
})
