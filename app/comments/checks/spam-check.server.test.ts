import {expect, test} from 'vitest'
import type {AkismetCommentParams, SpamCheck} from '../akismet.server'
import {HONEYPOT_FIELD} from '../form-fields'
import {testContext, testForm} from './check-context.test-support'
import {akismetParams, akismetSpamCheck} from './spam-check.server'

const context = testContext({
  form: testForm({[HONEYPOT_FIELD]: ''}),
  submission: {website: 'https://ann.example', parentId: 'comment-1'},
  request: {referrer: 'https://blog.example/2026/11/01/a-post/', userAgent: 'Mozilla/5.0 (test)'},
})

test('Akismet gets the full context it documents', () => {
  expect(akismetParams(context)).toEqual({
    user_ip: '203.0.113.9',
    user_agent: 'Mozilla/5.0 (test)',
    referrer: 'https://blog.example/2026/11/01/a-post/',
    permalink: 'https://blog.example/2026/11/01/a-post/',
    comment_type: 'reply',
    comment_author: 'Ann',
    comment_author_email: 'ann@example.com',
    comment_author_url: 'https://ann.example',
    comment_content: 'Thank you for this.',
    comment_date_gmt: '2026-11-27T10:00:00.000Z',
    comment_post_modified_gmt: '2026-11-02T12:00:00.000Z',
    honeypot_field_name: HONEYPOT_FIELD,
    honeypot_value: '',
  })
})

const answering = (answer: SpamCheck) => async (_params: AkismetCommentParams) => answer

test('spam is stored as spam, ham passes, and no answer holds the comment with the reason', async () => {
  expect(await akismetSpamCheck(context, [], answering({verdict: 'spam'}))).toMatchObject({flag: {outcome: 'spam'}, verdict: 'spam'})
  expect(await akismetSpamCheck(context, [], answering({verdict: 'ham'}))).toMatchObject({flag: null, verdict: 'ham'})
  const unchecked = await akismetSpamCheck(context, [], answering({verdict: 'unchecked', reason: 'Akismet did not answer within 4 s'}))
  expect(unchecked).toMatchObject({flag: {outcome: 'hold', reason: expect.stringContaining('did not answer')}, verdict: 'unchecked'})
  expect(unchecked.params?.comment_content).toBe('Thank you for this.')
})

test('blatant spam (the honeypot) is not sent to Akismet at all', async () => {
  let called = false
  const outcome = await akismetSpamCheck(context, [{outcome: 'spam', reason: 'honeypot', spamVerdict: 'blatant'}], async () => {
    called = true
    return {verdict: 'ham'}
  })
  expect(called).toBe(false)
  expect(outcome.verdict).toBe('blatant')
})
