import {afterAll, beforeAll, expect, test} from 'vitest'
import type {ReaderIdentity} from '../../contract/identity'
import {type AkismetStandIn, startAkismetStandIn} from '../../stand-ins/akismet/server'
import {REPLY_GUARD_FIELD} from './form-fields'
import {createComment, linkLabelled, mailTo, POST, POST_PATH, startCommentsWorld, type CommentsWorld} from '../../tests/support/comments-fixture'

// The post's author replying: a moderator whose Site settings entry says they write as the
// post's author. Through the post page's real comment action and loader, against a real lake
// process and the Akismet stand-in; the fixture's moderation mode holds every comment.

let world: CommentsWorld
let akismet: AkismetStandIn
let handleCommentPost: typeof import('./comment-action.server').handleCommentPost
let loadCommentsSection: typeof import('./comments-loader.server').loadCommentsSection
let issueFormToken: typeof import('~/security/form-token.server').issueFormToken
let sessions: typeof import('~/session/session.server')

const JAMI: ReaderIdentity = {provider: 'google', accountId: '1048576', name: 'Jami W', email: 'jami@example.com'}
const SAM: ReaderIdentity = {provider: 'github', accountId: '77', name: 'Sam'}
const READER: ReaderIdentity = {provider: 'github', accountId: '1001', name: 'A Reader'}
const AUTHOR = {_id: 'author-jami', _type: 'author', name: 'Dr. Jami Wilder', credentials: 'Psy.D.', slug: {_type: 'slug', current: 'jami'}}
const SAMS_POST = {
  ...POST,
  _id: 'post-by-sam',
  title: 'Sam’s post',
  slug: {_type: 'slug', current: 'sams-post'},
  author: {_type: 'reference', _ref: 'author-sam'},
}

beforeAll(async () => {
  ;[world, akismet] = await Promise.all([startCommentsWorld({notifyEmails: []}), startAkismetStandIn()])
  Object.assign(process.env, {AKISMET_KEY: 'local-dev-key', AKISMET_API_URL: akismet.url, COMMENT_MIN_FILL_SECONDS: '0'})
  ;({handleCommentPost} = await import('./comment-action.server'))
  ;({loadCommentsSection} = await import('./comments-loader.server'))
  ;({issueFormToken} = await import('~/security/form-token.server'))
  sessions = await import('~/session/session.server')
  await world.client
    .transaction()
    .createOrReplace(AUTHOR)
    .createOrReplace({_id: 'author-sam', _type: 'author', name: 'Sam Lee', slug: {_type: 'slug', current: 'sam'}})
    .createOrReplace({...POST, author: {_type: 'reference', _ref: AUTHOR._id}})
    .createOrReplace(SAMS_POST)
    .patch('siteSettings', (patch) =>
      patch.set({
        'moderation.moderators': [
          // Jami is recognised by her verified address, and writes as her author profile.
          {_key: 'jami', name: 'Jami', kind: 'email', email: 'jami@example.com', author: {_type: 'reference', _ref: AUTHOR._id}},
          // Sam moderates but names no profile here.
          {_key: 'sam', name: 'Sam', kind: 'github', accountId: '77'},
        ],
      }),
    )
    .commit({visibility: 'sync'})
}, 60_000)
afterAll(async () => {
  await Promise.all([world?.stop(), akismet?.close()])
})

async function cookieFor(identity: ReaderIdentity): Promise<string> {
  const session = await sessions.newSession()
  session.set('csrf', `csrf-${identity.accountId}`)
  session.set('identity', identity)
  return (await sessions.commitSession(session)).split(';')[0]!
}

let network = 0
async function postAs(
  identity: ReaderIdentity,
  body: string,
  {slug = POST.slug.current, parentId, fields = {}}: {slug?: string; parentId?: string; fields?: Record<string, string>} = {},
) {
  const request = new Request(`${world.siteUrl}${POST_PATH}`, {
    method: 'POST',
    body: new URLSearchParams({
      formToken: issueFormToken(`csrf-${identity.accountId}`, Date.now() - 10_000),
      name: identity.name,
      body,
      ...(parentId ? {parentId} : {}),
      ...fields,
    }),
    headers: {Origin: world.siteUrl, Cookie: await cookieFor(identity), 'User-Agent': 'Mozilla/5.0 (test)'},
  })
  network += 1
  return handleCommentPost(request, {slug, clientAddress: `192.0.2.${network}`})
}

async function commentAs(identity: ReaderIdentity, body: string, slug = POST.slug.current, parentId?: string, fields: Record<string, string> = {}) {
  const answer = (await postAs(identity, body, {slug, ...(parentId ? {parentId} : {}), fields})) as Response
  expect(answer.status).toBe(303)
  const id = new URL(answer.headers.get('Location')!, world.siteUrl).hash.slice(1)
  return {id, ...(await world.client.getDocument<{status: string; byPostAuthor?: boolean; spamReason?: string}>(`comment-private.${id}`))!}
}

test('the post’s author replies: published at once, marked as theirs', async () => {
  const comment = await commentAs(JAMI, 'Thank you all for reading.')
  expect(comment).toMatchObject({status: 'approved', byPostAuthor: true})
  expect(comment.spamReason).toBeUndefined()
})

test('the reader the author answers is told of the reply (it is published on arrival, not approved later)', async () => {
  await createComment(world.client, {id: 'comment-question', status: 'approved', email: 'asker@example.com', notifyReplies: true})
  const answer = await commentAs(JAMI, 'Good question: yes, it helps.', POST.slug.current, 'comment-question')
  expect(answer).toMatchObject({status: 'approved', byPostAuthor: true})
  const [message, ...more] = await mailTo(world.mail, 'asker@example.com')
  expect(more).toEqual([])
  expect(message!.subject).toBe('New reply to your comment on Fixture Blog')
  expect(linkLabelled(message!, 'Read the reply')).toBe(`${world.siteUrl}${POST_PATH}#${answer.id}`)
})

test('the same moderator on someone else’s post is held like anyone (Site settings hold all)', async () => {
  const comment = await commentAs(JAMI, 'A colleague’s post, well put.', SAMS_POST.slug.current)
  expect(comment.status).toBe('pending')
  expect(comment.byPostAuthor).toBeUndefined()
})

test('a moderator with no author profile, and a reader, are not the post’s author', async () => {
  expect(await commentAs(SAM, 'Moderating, not writing.')).toMatchObject({status: 'pending'})
  expect((await commentAs(SAM, 'Moderating, not writing.')).byPostAuthor).toBeUndefined()
  expect((await commentAs(READER, 'Just reading.')).byPostAuthor).toBeUndefined()
})

test('the page data marks the author’s reply and gives the byline with credentials', async () => {
  const section = await loadCommentsSection(new Request(`${world.siteUrl}${POST_PATH}`), {
    _id: POST._id,
    title: POST.title,
    author: {name: AUTHOR.name, credentials: AUTHOR.credentials},
  })
  expect(section.postAuthor).toEqual({name: 'Dr. Jami Wilder', credentials: 'Psy.D.'})
  // The form's personal-details warning knows the practice's clinicians, as the server's check does.
  expect([...section.form.clinicians].sort()).toEqual(['Dr. Jami Wilder', 'Sam Lee'])
  const reply = section.threads.find((node) => node.comment.body === 'Thank you all for reading.')
  expect(reply?.comment.byPostAuthor).toBe(true)
})

type GuardAnswer = {data: {comment: {message: string; values: {body: string}; replyGuard?: {phrases: string[]; token: string}}}; init: {status: number}}

const commentsBy = async (text: string) => world.client.fetch<number>('count(*[_type == "comment" && body == $text])', {text})

test('the author’s reply that would confirm a treatment relationship is not stored until they confirm this very text', async () => {
  const text = 'As we discussed in session, your diagnosis is nothing to be ashamed of.'
  const first = (await postAs(JAMI, text)) as unknown as GuardAnswer
  expect(first.init.status).toBe(409)
  expect(first.data.comment.values.body).toBe(text)
  expect(first.data.comment.replyGuard?.phrases).toEqual(['as we discussed', 'in session', 'your diagnosis'])
  expect(await commentsBy(text)).toBe(0)

  // The confirmation names the text the author read: an edited reply is asked about again.
  const token = first.data.comment.replyGuard!.token
  const edited = `${text} See you next week.`
  const again = (await postAs(JAMI, edited, {fields: {[REPLY_GUARD_FIELD]: token}})) as unknown as GuardAnswer
  expect(again.init.status).toBe(409)
  expect(again.data.comment.replyGuard?.phrases).toContain('see you next week')
  expect(await commentsBy(edited)).toBe(0)

  // Nor does it confirm for anyone else's session.
  const forged = (await postAs({...JAMI, accountId: 'another-session'}, text, {fields: {[REPLY_GUARD_FIELD]: token}})) as unknown as GuardAnswer
  expect(forged.init.status).toBe(409)

  const confirmed = await commentAs(JAMI, text, POST.slug.current, undefined, {[REPLY_GUARD_FIELD]: token})
  expect(confirmed).toMatchObject({status: 'approved', byPostAuthor: true, body: text})
})

test('the guard is the post author’s alone: a reader’s comment with the same words goes the usual way', async () => {
  expect(await commentAs(READER, 'As we discussed in session, thank you.')).toMatchObject({status: 'pending'})
})
