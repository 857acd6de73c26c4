import {expect, test} from 'vitest'
import {RateLimiter} from './rate-limiter.server'

test('allows the limit within the window, then says how long to wait', () => {
  const limiter = new RateLimiter(2, 60_000)
  limiter.hit('a', 0)
  expect(limiter.retryAfter('a', 10_000)).toBe(0)
  limiter.hit('a', 10_000)
  expect(limiter.retryAfter('a', 20_000)).toBe(40_000)
  expect(limiter.retryAfter('b', 20_000)).toBe(0)
  expect(limiter.retryAfter('a', 60_001)).toBe(0)
})
