import {expect, test} from 'vitest'
import {decideStatus} from '../comment-pipeline.server'
import {testContext} from './check-context.test-support'
import {SENSITIVE_TOPIC_REASON, sensitiveTopicCheck} from './sensitive-topic.server'

test('every comment on a sensitive post is held; other posts are not this check’s business', () => {
  expect(sensitiveTopicCheck.run(testContext({post: {sensitiveTopic: true}}))).toEqual({outcome: 'hold', reason: SENSITIVE_TOPIC_REASON})
  expect(sensitiveTopicCheck.run(testContext())).toBeNull()
})

test('the hold never publishes, and spam, trash and care still outrank it', () => {
  const hold = {outcome: 'hold', reason: SENSITIVE_TOPIC_REASON} as const
  expect(decideStatus([hold])).toBe('pending')
  expect(decideStatus([hold, {outcome: 'spam', reason: 'spam'}])).toBe('spam')
  expect(decideStatus([hold, {outcome: 'trash', reason: 'trash'}])).toBe('trash')
  expect(decideStatus([{outcome: 'spam', reason: 'spam'}, hold, {outcome: 'care', reason: 'care'}])).toBe('pending')
})
