import {beforeAll, expect, test} from 'vitest'
import {signToken} from '~/security/signed-token.server'
import {
  checkFollowUpConfirmToken,
  checkModerationToken,
  checkUnsubscribeToken,
  followUpConfirmLink,
  moderationLink,
  unsubscribeLink,
} from './email-links.server'

beforeAll(() => {
  process.env.SITE_URL = 'https://blog.example.com'
  process.env.SESSION_SECRET = 'a-test-session-secret-of-at-least-32-characters'
})

const tokenOf = (link: string) => new URL(link).pathname.split('/').pop()!

test('links are absolute addresses on the site', () => {
  expect(moderationLink('comment-1', 'approve')).toMatch(/^https:\/\/blog\.example\.com\/moderate\/[\w-]+\.[\w-]+$/)
  expect(unsubscribeLink({commentId: 'comment-1'})).toMatch(/^https:\/\/blog\.example\.com\/unsubscribe\/[\w-]+\.[\w-]+$/)
})

test('a moderation link carries its comment and action, for 7 days', () => {
  const sixDaysAgo = Date.now() - 6 * 24 * 60 * 60 * 1000
  expect(checkModerationToken(tokenOf(moderationLink('comment-1', 'spam', {now: sixDaysAgo, to: 'mod@example.com'})))).toEqual({
    ok: true,
    data: {commentId: 'comment-1', action: 'spam', to: 'mod@example.com'},
  })
  const sevenDaysAgo = Date.now() - 7 * 24 * 60 * 60 * 1000 - 1000
  expect(checkModerationToken(tokenOf(moderationLink('comment-1', 'spam', {now: sevenDaysAgo})))).toEqual({ok: false, reason: 'expired'})
})

test('one kind of link cannot be used as another, nor carry an unknown action', () => {
  expect(checkUnsubscribeToken(tokenOf(moderationLink('comment-1', 'approve')))).toEqual({ok: false, reason: 'invalid'})
  expect(checkModerationToken(tokenOf(unsubscribeLink({commentId: 'comment-1'})))).toEqual({ok: false, reason: 'invalid'})
  const deleteAll = signToken({commentId: 'comment-1', action: 'delete'}, {purpose: 'moderate', expiresIn: 60})
  expect(checkModerationToken(deleteAll)).toEqual({ok: false, reason: 'invalid'})
})

test('an unsubscribe link names what it stops: an address by its comment, a follower, or one followed post', () => {
  expect(checkUnsubscribeToken(tokenOf(unsubscribeLink({commentId: 'comment-1'})))).toEqual({ok: true, data: {commentId: 'comment-1'}})
  expect(checkUnsubscribeToken(tokenOf(unsubscribeLink({follower: 'abc'})))).toEqual({ok: true, data: {follower: 'abc'}})
  expect(checkUnsubscribeToken(tokenOf(unsubscribeLink({follower: 'abc', postId: 'post-1'})))).toEqual({ok: true, data: {follower: 'abc', postId: 'post-1'}})
  for (const data of [{}, {follower: ''}, {follower: 'abc', postId: 7}, {commentId: 3}]) {
    expect(checkUnsubscribeToken(signToken(data, {purpose: 'unsubscribe', expiresIn: 60}))).toEqual({ok: false, reason: 'invalid'})
  }
})

test('a follow-up confirmation link carries the address and post for 7 days, and is no unsubscribe link', () => {
  const link = followUpConfirmLink('fan@example.com', 'post-1')
  expect(link).toMatch(/^https:\/\/blog\.example\.com\/follow-ups\/[\w-]+\.[\w-]+$/)
  expect(checkFollowUpConfirmToken(tokenOf(link))).toEqual({ok: true, data: {email: 'fan@example.com', postId: 'post-1'}})
  expect(checkUnsubscribeToken(tokenOf(link))).toEqual({ok: false, reason: 'invalid'})
  const eightDaysAgo = Date.now() - 8 * 24 * 60 * 60 * 1000
  expect(
    checkFollowUpConfirmToken(
      signToken({email: 'fan@example.com', postId: 'post-1'}, {purpose: 'follow-up-confirm', expiresIn: 7 * 24 * 60 * 60, now: eightDaysAgo}),
    ),
  ).toEqual({
    ok: false,
    reason: 'expired',
  })
  expect(checkFollowUpConfirmToken(signToken({email: 'fan@example.com'}, {purpose: 'follow-up-confirm', expiresIn: 60}))).toEqual({
    ok: false,
    reason: 'invalid',
  })
})
