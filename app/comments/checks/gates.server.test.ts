import {expect, test} from 'vitest'
import {HONEYPOT_FIELD} from '../form-fields'
import {testContext, testForm} from './check-context.test-support'
import {commentsAreOpen, commentsOpenGate} from './comments-open.server'
import {honeypotCheck} from './honeypot.server'
import {rateLimitGate} from './rate-limit.server'
import {replyTargetGate} from './reply-target.server'
import {sameOriginGate} from './same-origin.server'

test('same-origin: a form posted from another site is refused', () => {
  const gate = sameOriginGate('https://blog.example')
  expect(gate.run(testContext({request: {origin: 'https://blog.example'}}))).toBeNull()
  expect(gate.run(testContext({request: {origin: 'https://evil.example'}}))).toMatchObject({status: 403})
})

test('honeypot: a filled hidden field is blatant spam; an empty one is nothing', () => {
  expect(honeypotCheck.run(testContext({form: testForm({[HONEYPOT_FIELD]: 'http://spam.example'})}))).toMatchObject({
    outcome: 'spam',
    spamVerdict: 'blatant',
  })
  expect(honeypotCheck.run(testContext({form: testForm({[HONEYPOT_FIELD]: ''})}))).toBeNull()
})

test('rate limit: per network (/24) and per commenter, and a refused comment counts against neither', () => {
  const gate = rateLimitGate({perNetwork: 3, perCommenter: 2, windowMs: 60_000})
  const from = (address: string, email: string) => testContext({request: {clientAddress: address}, submission: {email}})
  expect(gate.run(from('203.0.113.1', 'a@example.com'))).toBeNull()
  expect(gate.run(from('203.0.113.2', 'a@example.com'))).toBeNull()
  // Third from this email: over the commenter limit, from any network.
  expect(gate.run(from('198.51.100.1', 'a@example.com'))).toMatchObject({status: 429})
  // Third from this /24 (the refused one above did not count): allowed, then the fourth is not.
  expect(gate.run(from('203.0.113.3', 'b@example.com'))).toBeNull()
  expect(gate.run(from('203.0.113.4', 'c@example.com'))).toMatchObject({status: 429, message: expect.stringMatching(/wait 1 minute/)})
  expect(gate.run(from('198.51.100.9', 'c@example.com'))).toBeNull()
})

test('comments close when the editor closes them or the post is older than the site allows', () => {
  const now = new Date('2026-11-27T00:00:00Z')
  const post = {...testContext().post, publishedAt: '2026-11-01T00:00:00Z'}
  expect(commentsAreOpen(post, 0, now)).toBe(true)
  expect(commentsAreOpen(post, 30, now)).toBe(true)
  expect(commentsAreOpen(post, 20, now)).toBe(false)
  expect(commentsAreOpen({...post, commentsOpen: false}, 0, now)).toBe(false)
  expect(commentsOpenGate.run(testContext({post: {commentsOpen: false}}))).toMatchObject({status: 409})
})

test('a reply must answer an approved comment on the same post', async () => {
  const gate = replyTargetGate(async (id) => (id === 'comment-here' ? {postId: 'post-1'} : id === 'comment-elsewhere' ? {postId: 'post-2'} : null))
  expect(await gate.run(testContext())).toBeNull()
  expect(await gate.run(testContext({submission: {parentId: 'comment-here'}}))).toBeNull()
  expect(await gate.run(testContext({submission: {parentId: 'comment-elsewhere'}}))).toMatchObject({status: 400})
  expect(await gate.run(testContext({submission: {parentId: 'comment-gone'}}))).toMatchObject({fieldErrors: {parentId: expect.any(String)}})
})
