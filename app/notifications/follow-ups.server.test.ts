import {afterAll, beforeAll, expect, test} from 'vitest'
import {type CommentsWorld, createComment, linkLabelled, mailTo, POST, startCommentsWorld} from '../../tests/support/comments-fixture'
import {notifyCommentApproved, notifyCommentPublishedOnArrival, notifyModeratorsOfHeldComment} from './comment-notifications.server'
import {confirmFollowUps, followUpConfirmPage, requestFollowUps} from './follow-ups.server'
import {performUnsubscribe, unsubscribePage} from './unsubscribe.server'

/**
 * Follow-up comments as on WordPress.com (decision 0231) and one-click unsubscribe (0230), with
 * a real lake and the real SMTP catcher: ask, confirm once, hear of every approved comment,
 * stop one post or everything from the mail program's one-click POST.
 */

const FAN = 'fan@example.com'
const OTHER_POST = {...POST, _id: 'post-other', slug: {_type: 'slug', current: 'other-post'}, title: 'Another post'}
let world: CommentsWorld

beforeAll(async () => {
  world = await startCommentsWorld()
  await world.client.createOrReplace(OTHER_POST, {visibility: 'sync'})
}, 60_000)
afterAll(() => world?.stop())

const tokenOf = (link: string) => new URL(link).pathname.split('/').pop()!
const followUpsOf = () => world.client.fetch('*[_type == "followUps"]{_id, email, posts}', {}, {perspective: 'raw'})

/** What a mail program sends for RFC 8058's one-click unsubscribe: no Origin, no cookie, no form token. */
function oneClick(url: string): Request {
  return new Request(url, {method: 'POST', headers: {'Content-Type': 'application/x-www-form-urlencoded'}, body: 'List-Unsubscribe=One-Click'})
}

async function publishComment(id: string, postId: string, email = 'writer@example.com'): Promise<void> {
  await createComment(world.client, {id, postId, email, status: 'approved', notifyReplies: true})
  await notifyCommentApproved(id)
}

test('asking sends one confirmation and stores nothing; confirming follows the post', async () => {
  expect(await requestFollowUps(FAN, POST._id, '203.0.113.5')).toBe('confirmation-sent')
  const [confirmation] = await mailTo(world.mail, FAN)
  expect(confirmation!.subject).toBe('Confirm follow-up comments on Fixture Blog')
  // Not a subscription yet, so nothing to unsubscribe from.
  expect(confirmation!.listUnsubscribe).toBe('')
  expect(await followUpsOf()).toEqual([])

  const confirm = linkLabelled(confirmation!, 'Confirm follow-up comments')
  expect(followUpConfirmPage(tokenOf(confirm))).toEqual({state: 'confirm'})
  expect(followUpConfirmPage(`${tokenOf(confirm)}x`)).toEqual({state: 'invalid'})
  const fromElsewhere = new Request(confirm, {method: 'POST', headers: {Origin: 'https://evil.example'}})
  expect(await confirmFollowUps(fromElsewhere, tokenOf(confirm))).toEqual({state: 'cross-site'})
  expect(await followUpsOf()).toEqual([])

  expect(await confirmFollowUps(new Request(confirm, {method: 'POST', headers: {Origin: world.siteUrl}}), tokenOf(confirm))).toEqual({state: 'done'})
  const [stored] = (await followUpsOf()) as {_id: string; email: string; posts: string[]}[]
  // Private: an id with a dot is never shown to token-less readers, and it does not show the address.
  expect(stored!._id).toMatch(/^follow-ups\.[0-9a-f]{40}$/)
  expect(stored).toMatchObject({email: FAN, posts: [POST._id]})

  // Confirmed once: following another post needs no second email.
  world.mail.store.clear()
  expect(await requestFollowUps(FAN, OTHER_POST._id, '203.0.113.5')).toBe('following')
  expect(await mailTo(world.mail, FAN, 0)).toEqual([])
  expect(((await followUpsOf()) as {posts: string[]}[])[0]!.posts).toEqual([POST._id, OTHER_POST._id])
})

test('each approved comment on a followed post reaches the follower once, with one-click unsubscribe headers', async () => {
  world.mail.store.clear()
  await publishComment('follow-1', POST._id)
  await notifyCommentApproved('follow-1') // a retried webhook sends nothing more
  const [followUp, ...more] = await mailTo(world.mail, FAN)
  expect(more).toEqual([])
  expect(followUp!.subject).toBe('New comment on a post you follow on Fixture Blog')
  expect(followUp!.text).toContain(`Read the comment: ${world.siteUrl}/2024/03/05/fixture-post/#follow-1`)
  // Like every email to a commenter: no post title, no words.
  expect(followUp!.text).not.toContain(POST.title)
  expect(followUp!.text).not.toContain('A thoughtful comment.')
  const everything = linkLabelled(followUp!, 'Stop all emails from this blog')
  expect(followUp!.listUnsubscribe).toBe(`<${everything}>`)
  expect(followUp!.listUnsubscribePost).toBe('List-Unsubscribe=One-Click')
  // The writer is told their comment is published, with the headers too, and not "followed up" on their own words.
  const [own, ...again] = await mailTo(world.mail, 'writer@example.com')
  expect(again).toEqual([])
  expect(own!.subject).toBe('Your comment on Fixture Blog is published')
  expect(own!.listUnsubscribe).toBe(`<${linkLabelled(own!, 'Stop these emails')}>`)

  // Published on arrival (no moderator approved it): followers hear from the comment form.
  world.mail.store.clear()
  await createComment(world.client, {id: 'follow-arrival', postId: OTHER_POST._id, status: 'approved'})
  await notifyCommentPublishedOnArrival('follow-arrival')
  expect((await mailTo(world.mail, FAN)).map((message) => message.text)).toEqual([expect.stringContaining('#follow-arrival')])
})

test('moderators’ emails carry no List-Unsubscribe: who gets them is Site settings’ business', async () => {
  world.mail.store.clear()
  await createComment(world.client, {id: 'follow-held'})
  await notifyModeratorsOfHeldComment('follow-held')
  const [held] = await mailTo(world.mail, 'moderator@example.com')
  expect(held!.listUnsubscribe).toBe('')
  // Nor does a held comment reach the followers.
  expect(await mailTo(world.mail, FAN, 0)).toEqual([])
})

test('one click stops one post’s follow-ups; the other stops everything', async () => {
  world.mail.store.clear()
  await publishComment('follow-2', POST._id)
  const [followUp] = await mailTo(world.mail, FAN)
  const thisPost = linkLabelled(followUp!, 'Stop follow-ups of this post')
  expect(unsubscribePage(tokenOf(thisPost))).toEqual({state: 'confirm', scope: 'post'})
  expect(await performUnsubscribe(oneClick(thisPost), tokenOf(thisPost))).toEqual({state: 'done', scope: 'post'})

  world.mail.store.clear()
  await publishComment('follow-3', POST._id)
  await publishComment('follow-4', OTHER_POST._id)
  const [other, ...none] = await mailTo(world.mail, FAN)
  expect(none).toEqual([])
  expect(other!.text).toContain('#follow-4')

  const everything = other!.listUnsubscribe.slice(1, -1)
  expect(unsubscribePage(tokenOf(everything))).toEqual({state: 'confirm', scope: 'everything'})
  expect(await performUnsubscribe(oneClick(everything), tokenOf(everything))).toEqual({state: 'done', scope: 'everything'})
  expect(await followUpsOf()).toEqual([])
  world.mail.store.clear()
  await publishComment('follow-5', OTHER_POST._id)
  expect(await mailTo(world.mail, FAN, 0)).toEqual([])
})

test('a comment’s own “stop these emails” link also ends the address’s follow-ups', async () => {
  const reader = 'both@example.com'
  expect(await requestFollowUps(reader, POST._id, '203.0.113.6')).toBe('confirmation-sent')
  const confirm = linkLabelled((await mailTo(world.mail, reader))[0]!, 'Confirm follow-up comments')
  await confirmFollowUps(new Request(confirm, {method: 'POST'}), tokenOf(confirm))
  await publishComment('both-own', OTHER_POST._id, reader)
  const own = (await mailTo(world.mail, reader)).find((message) => message.subject.endsWith('is published'))!
  const stop = own.listUnsubscribe.slice(1, -1)
  expect(await performUnsubscribe(oneClick(stop), tokenOf(stop))).toEqual({state: 'done', scope: 'everything'})
  expect(await world.client.fetch('count(*[_type == "followUps" && email == $reader])', {reader}, {perspective: 'raw'})).toBe(0)
})

test('confirmations are rate-limited per address, so the form cannot flood a stranger', async () => {
  const stranger = 'stranger@example.com'
  for (let attempt = 0; attempt < 3; attempt++) expect(await requestFollowUps(stranger, POST._id, `198.51.100.${attempt}`)).toBe('confirmation-sent')
  expect(await requestFollowUps(stranger, POST._id, '198.51.100.9')).toBe('too-many')
  expect(await mailTo(world.mail, stranger, 3)).toHaveLength(3)
})
