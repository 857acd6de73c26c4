import {expect, test} from 'vitest'
import {decideStatus} from '../comment-pipeline.server'
import {testContext} from './check-context.test-support'
import {crisisLanguageCheck, personalDetailsCheck} from './safety-checks.server'

test('crisis language holds the comment as needing care, naming the category and none of the words', () => {
  const flag = crisisLanguageCheck.run(testContext({submission: {body: "I've been cutting again and nobody knows."}}))
  expect(flag).toEqual({outcome: 'care', reason: 'Needs care: possible crisis language (self-harm).'})
  expect(crisisLanguageCheck.run(testContext({submission: {body: 'This post killed me, so funny.'}}))).toBeNull()
})

test('needing care outranks spam and trash: the comment waits for a person', () => {
  expect(
    decideStatus([
      {outcome: 'trash', reason: ''},
      {outcome: 'care', reason: ''},
      {outcome: 'spam', reason: ''},
    ]),
  ).toBe('pending')
  expect(decideStatus([{outcome: 'care', reason: ''}])).toBe('pending')
})

test('personal details hold the comment with the kinds found, the clinicians being the practice’s', async () => {
  const check = personalDetailsCheck(async () => ['Dr. Jami Wilder'])
  expect(await check.run(testContext({submission: {body: 'My therapist is Dr Wilder, call me on 07700 900123.'}}))).toEqual({
    outcome: 'hold',
    reason: 'Personal details: a phone number, a clinician of the practice named as the commenter’s own; redact before approving.',
  })
  expect(await check.run(testContext({submission: {body: 'Dr Wilder, thank you for this post.'}}))).toBeNull()
})
