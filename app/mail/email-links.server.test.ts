import {beforeAll, expect, test} from 'vitest'
import {signToken} from '~/security/signed-token.server'
import {checkModerationToken, checkUnsubscribeToken, moderationLink, unsubscribeLink} from './email-links.server'

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
