import {afterAll, beforeAll, expect, test} from 'vitest'
import {commentRecordId} from '../../contract/documents'
import {type AkismetStandIn, startAkismetStandIn} from '../../stand-ins/akismet/server'
import {type CommentsWorld, mailTo, POST, POST_PATH, startCommentsWorld} from '../../tests/support/comments-fixture'

// Issue #13's care path as the post page's action runs it: the real lake process over HTTP,
// the Akismet stand-in through akismet-api, the mail catcher over SMTP, the sealed session.

const SENSITIVE = {...POST, _id: 'post-sensitive', title: 'On grief', slug: {_type: 'slug', current: 'on-grief'}, sensitiveTopic: true}
let world: CommentsWorld
let akismet: AkismetStandIn
let handleCommentPost: typeof import('./comment-action.server').handleCommentPost
let loadCommentsSection: typeof import('./comments-loader.server').loadCommentsSection
let issueFormToken: typeof import('~/security/form-token.server').issueFormToken
let getSession: typeof import('~/session/session.server').getSession

beforeAll(async () => {
  ;[world, akismet] = await Promise.all([startCommentsWorld({notifyEmails: ['care-mod@example.com']}), startAkismetStandIn()])
  Object.assign(process.env, {AKISMET_KEY: 'local-dev-key', AKISMET_API_URL: akismet.url, AKISMET_TIMEOUT_MS: '1500', COMMENT_MIN_FILL_SECONDS: '2'})
  ;({handleCommentPost} = await import('./comment-action.server'))
  ;({loadCommentsSection} = await import('./comments-loader.server'))
  ;({issueFormToken} = await import('~/security/form-token.server'))
  ;({getSession} = await import('~/session/session.server'))
  // Published at once unless a check holds it: only the checks under test hold anything.
  await world.client
    .transaction()
    .patch('siteSettings', (patch) => patch.set({moderation: {mode: 'publishUnlessFlagged', holdIfLinksAtLeast: 2, notifyEmails: ['care-mod@example.com']}}))
    .createOrReplace(SENSITIVE)
    .commit({visibility: 'sync'})
}, 60_000)
afterAll(async () => {
  await Promise.all([world?.stop(), akismet?.close()])
})

let network = 0
async function postComment(fields: Record<string, string>, slug = POST.slug.current) {
  const path = slug === POST.slug.current ? POST_PATH : '/2024/03/05/on-grief/'
  network += 1
  const request = new Request(`${world.siteUrl}${path}`, {
    method: 'POST',
    body: new URLSearchParams({formToken: issueFormToken(undefined, Date.now() - 10_000), ...fields}),
    headers: {Origin: world.siteUrl, 'User-Agent': 'Mozilla/5.0 (care test)', Referer: `${world.siteUrl}${path}`},
  })
  const response = (await handleCommentPost(request, {slug, clientAddress: `198.51.100.${network}`})) as Response
  expect(response.status).toBe(303)
  const id = new URL(response.headers.get('Location')!, world.siteUrl).hash.slice(1)
  const cookie = response.headers.get('Set-Cookie')!.split(';')[0]!
  const session = await getSession(new Request(world.siteUrl, {headers: {Cookie: cookie}}))
  return {id, cookie, session, stored: (await world.client.getDocument<{status: string; spamReason?: string}>(commentRecordId(id)))!}
}

const CRISIS_WORDS = 'Honestly everyone would be better off without me.'

test('crisis language: the commenter’s session marks the comment for care, and the page shows it to them as such', async () => {
  const care = await postComment({name: 'Bo Private', email: 'bo@example.com', body: CRISIS_WORDS})
  expect(care.stored).toMatchObject({status: 'pending', spamReason: expect.stringMatching(/^Needs care/)})
  expect(care.session.get('ownComments')).toEqual([care.id])
  expect(care.session.get('careComments')).toEqual([care.id])

  const section = await loadCommentsSection(new Request(`${world.siteUrl}${POST_PATH}`, {headers: {Cookie: care.cookie}}), {_id: POST._id, title: POST.title})
  expect(section.threads.map((node) => node.comment)).toEqual([expect.objectContaining({id: care.id, awaitingModeration: true, needsCare: true})])
  await mailTo(world.mail, 'care-mod@example.com', 1)
})

test('a care hold sends moderators one urgent email, without the comment’s words or name, and not the ordinary one', async () => {
  const before = (await mailTo(world.mail, 'care-mod@example.com', 0)).length
  const {id} = await postComment({name: 'Cy Hidden', email: 'cy@example.com', body: "I've been cutting again."})
  const messages = (await mailTo(world.mail, 'care-mod@example.com', before + 1)).slice(before)
  // Give a wrongly sent second email time to arrive before counting.
  await new Promise((resolve) => setTimeout(resolve, 300))
  expect((await mailTo(world.mail, 'care-mod@example.com', 0)).length).toBe(before + 1)
  const [message] = messages
  expect(message!.subject).toBe('Urgent: a comment on “Fixture post about sleep” may need care')
  expect(message!.text).toContain(`Open the held comment: ${world.siteUrl}${POST_PATH}#held-${id}`)
  expect(message!.text).toContain('may be in crisis')
  for (const secret of ['cutting', 'Cy Hidden', 'cy@example.com']) {
    expect(message!.text).not.toContain(secret)
    expect(message!.html).not.toContain(secret)
  }
})

test('an ordinary held comment is not marked for care, and moderators get the ordinary email', async () => {
  const before = (await mailTo(world.mail, 'care-mod@example.com', 0)).length
  const held = await postComment({name: 'Di', email: 'di@example.com', body: 'See https://a.example and https://b.example'})
  expect(held.stored.status).toBe('pending')
  expect(held.session.get('careComments')).toBeUndefined()
  const [message] = (await mailTo(world.mail, 'care-mod@example.com', before + 1)).slice(before)
  expect(message!.subject).toBe('[Fixture Blog] Comment awaiting approval: “Fixture post about sleep”')
})

test('on a sensitive post every comment is held; spam is still spam, and crisis language still needs care', async () => {
  const mailBefore = (await mailTo(world.mail, 'care-mod@example.com', 0)).length
  const ordinary = await postComment({name: 'Ed', email: 'ed@example.com', body: 'Thank you for writing about this.'}, 'on-grief')
  expect(ordinary.stored).toMatchObject({status: 'pending', spamReason: 'Sensitive topic: every comment is held.'})
  expect(ordinary.session.get('careComments')).toBeUndefined()

  const spam = await postComment({name: 'akismet-guaranteed-spam', email: 'sp@example.com', body: 'Cheap pills here.'}, 'on-grief')
  expect(spam.stored.status).toBe('spam')

  const care = await postComment({name: 'Flo', email: 'flo@example.com', body: CRISIS_WORDS}, 'on-grief')
  expect(care.stored).toMatchObject({status: 'pending', spamReason: expect.stringMatching(/^Needs care: .*Sensitive topic: every comment is held\./)})
  expect(care.session.get('careComments')).toEqual([care.id])

  // The same words on an ordinary post are published: only the post's mark held them.
  expect((await postComment({name: 'Gil', email: 'gil@example.com', body: 'Thank you for writing about this.'})).stored.status).toBe('approved')
  // Both holds told the moderators (before the lake goes away with this file).
  expect(await mailTo(world.mail, 'care-mod@example.com', mailBefore + 2)).toHaveLength(mailBefore + 2)
})
