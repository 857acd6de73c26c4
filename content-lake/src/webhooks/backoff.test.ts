import {expect, test} from 'vitest'
import {isRetryable, retryDelayMs} from './backoff'

test('network failures, 429 and 5xx are retried; other answers are final', () => {
  expect(isRetryable({error: 'ECONNREFUSED'})).toBe(true)
  expect(isRetryable({status: 429})).toBe(true)
  expect(isRetryable({status: 500})).toBe(true)
  expect(isRetryable({status: 503})).toBe(true)
  expect(isRetryable({status: 400})).toBe(false)
  expect(isRetryable({status: 404})).toBe(false)
  expect(isRetryable({status: 301})).toBe(false)
})

test('waits double from about a second, within ±25% jitter, up to five minutes', () => {
  expect([1, 2, 3, 4].map((n) => retryDelayMs(n, () => 0.5))).toEqual([1_000, 2_000, 4_000, 8_000])
  expect(retryDelayMs(1, () => 0)).toBe(750)
  expect(retryDelayMs(1, () => 1)).toBe(1_250)
  expect(retryDelayMs(30, () => 0.5)).toBe(300_000)
})
