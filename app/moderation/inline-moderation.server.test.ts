import {afterAll, beforeAll, describe, expect, test} from 'vitest'
import {createComment, POST, POST_PATH, startCommentsWorld, type CommentsWorld} from '../../tests/support/comments-fixture'
import type {ReaderIdentity} from '../../contract/identity'
import {SPAM_SHOWN} from './inline-moderation'

// Moderating from the post page, against a real lake process: who gets held comments in the
// page's data, and what a moderator's button post must carry to change anything.

let world: CommentsWorld
let loadCommentsSection: typeof import('~/comments/comments-loader.server').loadCommentsSection
let handleInlineModeration: typeof import('./inline-moderation.server').handleInlineModeration
let readModerationPost: typeof import('./inline-moderation.server').readModerationPost
let loadHeldComments: typeof import('./inline-moderation.server').loadHeldComments
let issueFormToken: typeof import('~/security/form-token.server').issueFormToken
let sessions: typeof import('~/session/session.server')

const MODERATOR: ReaderIdentity = {provider: 'github', accountId: '4242', name: 'Jami Wilder'}
const READER: ReaderIdentity = {provider: 'github', accountId: '1001', name: 'Some Reader'}
const OTHER_POST = {...POST, _id: 'post-other', title: 'Another post', slug: {_type: 'slug', current: 'other-post'}}

beforeAll(async () => {
  world = await startCommentsWorld()
  ;({loadCommentsSection} = await import('~/comments/comments-loader.server'))
  ;({handleInlineModeration, readModerationPost, loadHeldComments} = await import('./inline-moderation.server'))
  ;({issueFormToken} = await import('~/security/form-token.server'))
  sessions = await import('~/session/session.server')
  await world.client
    .transaction()
    .patch('siteSettings', (patch) => patch.set({'moderation.moderators': [{_key: 'm1', name: 'Jami', kind: 'github', accountId: '4242'}]}))
    .createOrReplace(OTHER_POST)
    .commit({visibility: 'sync'})
  await createComment(world.client, {id: 'comment-approved-1', status: 'approved', body: 'Approved words.'})
  await createComment(world.client, {id: 'comment-held-1', status: 'pending', body: 'Held words of a stranger.', spamReason: 'First comment from this person.'})
  await createComment(world.client, {id: 'comment-spam-1', status: 'spam', body: 'Spammy words of a stranger.', spamReason: 'Akismet says spam.'})
  await createComment(world.client, {id: 'comment-elsewhere', status: 'pending', body: 'On another post.', postId: OTHER_POST._id})
}, 60_000)
afterAll(async () => {
  await world?.stop()
})

/** A session cookie as the site would set it: signed in (or not), with a CSRF secret. */
async function cookieFor(identity: ReaderIdentity | null, csrf = `csrf-${identity?.accountId ?? 'guest'}`): Promise<string> {
  const session = await sessions.newSession()
  session.set('csrf', csrf)
  if (identity) session.set('identity', identity)
  return (await sessions.commitSession(session)).split(';')[0]!
}

const pageRequest = (cookie?: string) => new Request(`${world.siteUrl}${POST_PATH}`, cookie ? {headers: {Cookie: cookie}} : {})

describe('the post page’s data', () => {
  test('a moderator gets the post’s held and spam comments with the reason; others’ posts’ stay out', async () => {
    const section = await loadCommentsSection(pageRequest(await cookieFor(MODERATOR)), {_id: POST._id, title: POST.title})
    expect(section.held?.pending.map((comment) => comment.id)).toEqual(['comment-held-1'])
    expect(section.held?.pending[0]).toMatchObject({status: 'pending', reason: 'First comment from this person.', body: 'Held words of a stranger.'})
    expect(section.held?.spam.map((comment) => comment.id)).toEqual(['comment-spam-1'])
    expect(section.held?.token).toEqual(expect.any(String))
    // Private details never come along, even for moderators.
    expect(JSON.stringify(section)).not.toContain('reader@example.com')
    expect(JSON.stringify(section)).not.toContain('On another post.')
  })

  test.each([
    ['an anonymous reader', null],
    ['a signed-in reader who is not a moderator', READER],
  ])('%s never receives held comments of others', async (_, identity) => {
    const section = await loadCommentsSection(pageRequest(identity ? await cookieFor(identity) : undefined), {_id: POST._id, title: POST.title})
    const json = JSON.stringify(section)
    expect(section.held).toBeUndefined()
    expect(json).toContain('Approved words.')
    expect(json).not.toContain('Held words of a stranger.')
    expect(json).not.toContain('Spammy words')
    expect(json).not.toContain('First comment from this person.')
  })
})

describe('a moderator’s button', () => {
  async function press(
    fields: Record<string, string>,
    {identity = MODERATOR, origin = world.siteUrl, token}: {identity?: ReaderIdentity | null; origin?: string; token?: string} = {},
  ) {
    const csrf = `csrf-${identity?.accountId ?? 'guest'}`
    const body = new URLSearchParams({intent: 'moderate', formToken: token ?? issueFormToken(csrf), ...fields})
    const request = new Request(`${world.siteUrl}${POST_PATH}`, {
      method: 'POST',
      body,
      headers: {Origin: origin, Cookie: await cookieFor(identity, csrf), 'Content-Type': 'application/x-www-form-urlencoded'},
    })
    const form = await readModerationPost(request)
    expect(form).not.toBeNull()
    return handleInlineModeration(request, form!, {slug: POST.slug.current})
  }
  const statusOf = async (id: string) => (await world.client.getDocument<{status: string}>(`comment-private.${id}`))?.status
  const refusal = (answer: unknown) => answer as {init: {status: number}; data: {moderation: {message: string}}}

  test('is refused for a reader who is not a moderator (checked on every post), and nothing changes', async () => {
    expect(refusal(await press({commentId: 'comment-held-1', status: 'approved'}, {identity: READER})).init.status).toBe(403)
    expect(refusal(await press({commentId: 'comment-held-1', status: 'approved'}, {identity: null})).init.status).toBe(403)
    expect(await statusOf('comment-held-1')).toBe('pending')
  })

  test('is refused from another site, or with a token served to another session', async () => {
    expect(refusal(await press({commentId: 'comment-held-1', status: 'approved'}, {origin: 'https://evil.example'})).init.status).toBe(403)
    expect(refusal(await press({commentId: 'comment-held-1', status: 'approved'}, {token: issueFormToken('someone-elses-csrf')})).init.status).toBe(403)
    expect(refusal(await press({commentId: 'comment-held-1', status: 'approved'}, {token: issueFormToken(undefined)})).init.status).toBe(403)
    expect(await statusOf('comment-held-1')).toBe('pending')
  })

  test('is refused for a comment on another post, or an unknown decision', async () => {
    expect(refusal(await press({commentId: 'comment-elsewhere', status: 'approved'})).init.status).toBe(404)
    expect(await statusOf('comment-elsewhere')).toBe('pending')
    expect(refusal(await press({commentId: 'comment-held-1', status: 'pending'})).init.status).toBe(400)
    expect(refusal(await press({commentId: 'comment-private.comment-held-1', status: 'trash'})).init.status).toBe(400)
  })

  test('approves a held comment and goes back to it on the page', async () => {
    const answer = (await press({commentId: 'comment-held-1', status: 'approved'})) as Response
    expect(answer.status).toBe(303)
    expect(answer.headers.get('Location')).toBe(`${POST_PATH}#comment-held-1`)
    expect(await statusOf('comment-held-1')).toBe('approved')
    // The moderation log names the signed-in moderator.
    expect(
      await world.client.fetch(
        '*[_type == "commentAudit" && comment._ref == "comment-private.comment-held-1" && to == "approved"][0].who',
        {},
        {perspective: 'raw'},
      ),
    ).toMatchObject({kind: 'moderator', provider: 'github', accountId: '4242'})
  })

  test('trashes a spam comment and goes back to the held list', async () => {
    const answer = (await press({commentId: 'comment-spam-1', status: 'trash'})) as Response
    expect(answer.headers.get('Location')).toBe(`${POST_PATH}#held-comments`)
    expect(await statusOf('comment-spam-1')).toBe('trash')
  })
})

test('a comment form post is not taken for a moderator’s button (and its body is left to read)', async () => {
  const request = new Request(`${world.siteUrl}${POST_PATH}`, {method: 'POST', body: new URLSearchParams({body: 'A comment', status: 'approved'})})
  expect(await readModerationPost(request)).toBeNull()
  expect((await request.formData()).get('body')).toBe('A comment')
})

test('a moderator’s page lists every pending comment but only the newest spam', async () => {
  const transaction = world.client.transaction()
  for (let index = 0; index < SPAM_SHOWN + 2; index++) {
    const at = new Date(Date.UTC(2026, 0, 1, 0, index)).toISOString()
    transaction.create({
      _id: `comment-private.comment-pile-${index}`,
      _type: 'comment',
      status: 'spam',
      post: {_type: 'reference', _ref: OTHER_POST._id, _weak: true},
      authorName: 'Bot',
      provider: 'guest',
      body: `Spam ${index}`,
      submittedAt: at,
    })
  }
  await transaction.commit({visibility: 'sync'})
  const held = await loadHeldComments(OTHER_POST._id)
  expect(held.pending.map((comment) => comment.id)).toEqual(['comment-elsewhere'])
  expect(held.spam).toHaveLength(SPAM_SHOWN)
  expect(held.spam[0]!.id).toBe(`comment-pile-${SPAM_SHOWN + 1}`)
})
