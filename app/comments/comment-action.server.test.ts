import {afterAll, beforeAll, expect, test} from 'vitest'
import {type LakeProcess, startLakeProcess, TEST_TOKEN} from '../../content-lake/test/lake-process'
import {type AkismetStandIn, startAkismetStandIn} from '../../stand-ins/akismet/server'

// The whole pipeline as the post page's action runs it: real lake process over HTTP, the
// Akismet stand-in through akismet-api, real signed tokens and sealed records.

const SITE = 'http://localhost:3999'
const PATH = '/2026/11/01/a-post/'
let lake: LakeProcess
let akismet: AkismetStandIn
let handleCommentPost: typeof import('./comment-action.server').handleCommentPost
let issueFormToken: typeof import('~/security/form-token.server').issueFormToken
let unseal: typeof import('~/security/sealed.server').unseal
let session: typeof import('~/session/session.server')
let setCommentStatus: typeof import('~/sanity/comments.server').setCommentStatus

beforeAll(async () => {
  ;[lake, akismet] = await Promise.all([startLakeProcess(), startAkismetStandIn()])
  Object.assign(process.env, {
    SITE_URL: SITE,
    SESSION_SECRET: 's'.repeat(40),
    SANITY_API_WRITE_TOKEN: TEST_TOKEN,
    CONTENT_LAKE_URL: lake.url,
    AKISMET_KEY: 'local-dev-key',
    AKISMET_API_URL: akismet.url,
    AKISMET_TIMEOUT_MS: '1500',
    COMMENT_MIN_FILL_SECONDS: '2',
  })
  ;({handleCommentPost} = await import('./comment-action.server'))
  ;({issueFormToken} = await import('~/security/form-token.server'))
  ;({unseal} = await import('~/security/sealed.server'))
  session = await import('~/session/session.server')
  ;({setCommentStatus} = await import('~/sanity/comments.server'))
  await lake
    .client()
    .transaction()
    .create({
      _id: 'siteSettings',
      _type: 'siteSettings',
      title: 'Blog',
      moderation: {mode: 'holdFirstTime', holdIfLinksAtLeast: 2, holdWords: ['refund'], trashWords: ['casino'], closeCommentsAfterDays: 0},
    })
    .create({_id: 'post-1', _type: 'post', title: 'A post', slug: {current: 'a-post'}, publishedAt: '2026-11-01T12:00:00Z'})
    .create({_id: 'post-closed', _type: 'post', title: 'Closed', slug: {current: 'closed'}, publishedAt: '2026-11-01T12:00:00Z', commentsOpen: false})
    .commit()
}, 60_000)
afterAll(async () => {
  await Promise.all([lake.stop(), akismet.close()])
})

let address = 0
function post(fields: Record<string, string>, {headers = {}, slug = 'a-post', csrf}: {headers?: Record<string, string>; slug?: string; csrf?: string} = {}) {
  const body = new URLSearchParams({formToken: issueFormToken(csrf, Date.now() - 10_000), ...fields})
  const request = new Request(`${SITE}${PATH}`, {
    method: 'POST',
    body,
    headers: {Origin: SITE, 'User-Agent': 'Mozilla/5.0 (pipeline test)', Referer: `${SITE}${PATH}`, ...headers},
  })
  // Each test comes from its own network so the rate limits don't mix them up.
  address += 1
  return handleCommentPost(request, {slug, clientAddress: `198.51.${address}.7`})
}

async function posted(response: unknown) {
  expect(response).toBeInstanceOf(Response)
  const answer = response as Response
  expect(answer.status).toBe(303)
  const id = new URL(answer.headers.get('Location')!, SITE).hash.slice(1)
  expect(answer.headers.get('Location')).toBe(`${PATH}#${id}`)
  expect(answer.headers.get('Set-Cookie')).toMatch(/^__session=.+HttpOnly/i)
  const [comment, publicCopy] = await Promise.all([lake.client().getDocument(`comment-private.${id}`), lake.client({token: null}).getDocument(id)])
  return {id, comment: comment!, publicCopy}
}

const approve = (id: string) => setCommentStatus(lake.client(), id, 'approved', {who: {kind: 'site', task: 'test'}})

type Failure = {data: {comment: {message: string; fieldErrors: Record<string, string>; values: Record<string, unknown>}}; init: {status: number}}

test('a guest’s comment is checked by Akismet and stored as a private record, out of public reach until approved', async () => {
  const {id, comment, publicCopy} = await posted(
    await post({name: 'Ann', email: 'ann@example.com', website: 'https://ann.example', body: 'Thank you.', notifyReplies: 'on'}),
  )
  expect(comment).toMatchObject({
    _type: 'comment',
    status: 'pending',
    authorName: 'Ann',
    authorWebsite: 'https://ann.example',
    body: 'Thank you.',
    provider: 'guest',
    spamVerdict: 'ham',
    post: {_ref: 'post-1'},
  })
  expect(comment.spamReason).toMatch(/First comment/)
  expect(comment).toMatchObject({_id: `comment-private.${id}`, email: 'ann@example.com', notifyReplies: true})
  expect(comment.networkAddressHash).toEqual(expect.any(String))
  expect(JSON.stringify(comment)).not.toMatch(/198\.51\./)
  expect(publicCopy).toBeUndefined()
  // What Akismet was sent is kept, sealed, to be resent with a moderator's report.
  const check = akismet.log().find((entry) => entry.endpoint === 'comment-check' && entry.params.comment_content === 'Thank you.')!
  expect(check.params).toMatchObject({
    comment_author: 'Ann',
    comment_author_email: 'ann@example.com',
    comment_type: 'comment',
    permalink: `${SITE}${PATH}`,
    is_test: 'true',
  })
  expect(unseal<Record<string, string>>(comment.akismetCheck)).toMatchObject({user_ip: check.params.user_ip, comment_content: 'Thank you.'})
  // Token-less readers (the public API) can't see the record.
  expect(await lake.client({token: null}).getDocument(`comment-private.${id}`)).toBeUndefined()
  // Approved, the public copy holds what readers see and nothing else.
  await approve(id)
  expect(await lake.client({token: null}).getDocument(id)).toMatchObject({_type: 'publicComment', authorName: 'Ann', body: 'Thank you.'})
  expect(JSON.stringify(await lake.client({token: null}).getDocument(id))).not.toMatch(/ann@example|First comment|spamVerdict|status/)
})

test('Akismet’s guaranteed spam is stored as spam', async () => {
  const {comment} = await posted(await post({name: 'akismet-guaranteed-spam', email: 'x@example.com', body: 'Buy now'}))
  expect(comment).toMatchObject({status: 'spam', spamVerdict: 'spam'})
})

test('once approved, a returning commenter is published straight away (hold first-time only)', async () => {
  const first = await posted(await post({name: 'Bea', email: 'bea@example.com', body: 'First.'}))
  await approve(first.id)
  const second = await posted(await post({name: 'Bea', email: 'BEA@example.com', body: 'Second.'}))
  expect(second.comment.status).toBe('approved')
})

test('an impostor with a regular’s email but another name is held as a first-time commenter', async () => {
  const regular = await posted(await post({name: 'Jami Wilder', email: 'jami@example.com', body: 'A regular’s first.'}))
  await approve(regular.id)
  const impostor = await posted(await post({name: 'Dr. Jami Wilder, Psy.D. (impostor)', email: 'jami@example.com', body: 'Trust me.'}))
  expect(impostor.comment).toMatchObject({status: 'pending', spamReason: expect.stringMatching(/First comment/)})
  // The regular, by the same name (in any case) and email, is still recognised.
  const again = await posted(await post({name: 'jami wilder', email: 'Jami@Example.com', body: 'Me again.'}))
  expect(again.comment.status).toBe('approved')
  // A guest giving a signed-in reader's email and name is not that reader either.
  const signedIn = await session.newSession()
  signedIn.set('identity', {provider: 'github', accountId: '777', name: 'Kit Account', email: 'kit@example.com'})
  signedIn.set('csrf', 'kits-csrf-secret')
  const cookie = (await session.commitSession(signedIn)).split(';')[0]!
  const kit = await posted(await post({name: 'Kit Account', body: 'Signed in.'}, {headers: {Cookie: cookie}, csrf: 'kits-csrf-secret'}))
  await approve(kit.id)
  const guest = await posted(await post({name: 'Kit Account', email: 'kit@example.com', body: 'As a guest.'}))
  expect(guest.comment.status).toBe('pending')
})

test('the site’s words: trash words trash it, hold words hold it', async () => {
  expect((await posted(await post({name: 'Cy', email: 'cy@example.com', body: 'Try our casino'}))).comment.status).toBe('trash')
  const held = await posted(await post({name: 'Di', email: 'di@example.com', body: 'I want a refund'}))
  expect(held.comment).toMatchObject({status: 'pending', spamReason: expect.stringContaining('refund')})
})

test('a reply to an approved comment is stored as a reply', async () => {
  const parent = await posted(await post({name: 'Ed', email: 'ed@example.com', body: 'Parent.'}))
  await approve(parent.id)
  const reply = await posted(await post({name: 'Flo', email: 'flo@example.com', body: 'Reply.', parentId: parent.id}))
  expect(reply.comment.parent).toMatchObject({_ref: `comment-private.${parent.id}`})
  const check = akismet.log().find((entry) => entry.endpoint === 'comment-check' && entry.params.comment_content === 'Reply.')!
  expect(check.params.comment_type).toBe('reply')
})

test('invalid fields come back with messages beside them and everything as typed; nothing is stored', async () => {
  const before = await lake.client().fetch<number>('count(*[_type == "comment"])')
  const failure = (await post({name: '', email: 'not-an-email', website: 'javascript:alert(1)', body: 'My words.'})) as unknown as Failure
  expect(failure.init.status).toBe(400)
  expect(failure.data.comment.fieldErrors).toMatchObject({name: expect.any(String), email: expect.any(String), website: expect.any(String)})
  expect(failure.data.comment.values).toMatchObject({body: 'My words.', email: 'not-an-email'})
  expect(await lake.client().fetch<number>('count(*[_type == "comment"])')).toBe(before)
})

test('a form posted from another site is refused, the text kept', async () => {
  const failure = (await post({name: 'Gil', email: 'gil@example.com', body: 'Forged?'}, {headers: {Origin: 'https://evil.example'}})) as unknown as Failure
  expect(failure.init.status).toBe(403)
  expect(failure.data.comment.values.body).toBe('Forged?')
})

test('closed comments are refused, the text kept', async () => {
  const failure = (await post({name: 'Hal', email: 'hal@example.com', body: 'Too late'}, {slug: 'closed'})) as unknown as Failure
  expect(failure.init.status).toBe(409)
  expect(failure.data.comment.values.body).toBe('Too late')
})

test('Akismet down: the comment is held with the reason, not lost', async () => {
  await fetch(`${akismet.url}/__standin/next`, {method: 'POST', headers: {'Content-Type': 'application/json'}, body: JSON.stringify({status: 503})})
  const {comment} = await posted(await post({name: 'Ivy', email: 'ivy@example.com', body: 'While Akismet is down'}))
  expect(comment).toMatchObject({status: 'pending', spamVerdict: 'unchecked', spamReason: expect.stringContaining('Not spam-checked')})
})

test('a reader signed in with a provider comments as that identity, under a pseudonym if they like, and is recognised once approved', async () => {
  const reader = await session.newSession()
  reader.set('identity', {provider: 'github', accountId: '4242', name: 'Octo Reader'})
  reader.set('csrf', 'the-readers-csrf-secret')
  const cookie = (await session.commitSession(reader)).split(';')[0]!
  const first = await posted(await post({name: 'Octo Reader', body: 'Signed in.'}, {headers: {Cookie: cookie}, csrf: 'the-readers-csrf-secret'}))
  expect(first.comment).toMatchObject({authorName: 'Octo Reader', provider: 'github', providerAccountId: '4242', status: 'pending'})
  expect(first.comment.email).toBeUndefined()

  // A form served to someone else's session can't carry this reader's identity.
  const forged = (await post({name: 'Octo Reader', body: 'Not mine.'}, {headers: {Cookie: cookie}, csrf: 'another-secret'})) as unknown as Failure
  expect(forged.init.status).toBe(403)

  await approve(first.id)
  // Another name for the same account: still this reader, recognised by the account, not the name.
  const second = await posted(await post({name: 'Night Owl', body: 'Back again.'}, {headers: {Cookie: cookie}, csrf: 'the-readers-csrf-secret'}))
  expect(second.comment).toMatchObject({status: 'approved', authorName: 'Night Owl', providerAccountId: '4242'})
})

test('the lake down: a clear message and the reader’s text back in the form', async () => {
  await lake.stop()
  const failure = (await post({name: 'Jo', email: 'jo@example.com', body: 'Please keep this text.'})) as unknown as Failure
  expect(failure.init.status).toBe(503)
  expect(failure.data.comment.message).toMatch(/could not be saved/)
  expect(failure.data.comment.values).toMatchObject({name: 'Jo', email: 'jo@example.com', body: 'Please keep this text.'})
}, 30_000)
