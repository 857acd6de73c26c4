import {expect, test} from 'vitest'
import {RateLimiter, takeIfAllowed} from './rate-limiter.server'

test('allows the limit within the window, then says how long to wait', () => {
  const limiter = new RateLimiter('window', 2, 60_000)
  limiter.hit('a', 0)
  expect(limiter.retryAfter('a', 10_000)).toBe(0)
  limiter.hit('a', 10_000)
  expect(limiter.retryAfter('a', 20_000)).toBe(40_000)
  expect(limiter.retryAfter('b', 20_000)).toBe(0)
  expect(limiter.retryAfter('a', 60_001)).toBe(0)
})

test('limiters with the same keys count apart', () => {
  const first = new RateLimiter('first', 1, 60_000)
  const second = new RateLimiter('second', 1, 60_000)
  first.hit('same', 0)
  expect(first.retryAfter('same', 1)).toBe(59_999)
  expect(second.retryAfter('same', 1)).toBe(0)
})

test('takeIfAllowed counts against every limit only when all allow, so a refusal costs nothing', () => {
  const byNetwork = new RateLimiter('take-network', 3, 60_000)
  const byPerson = new RateLimiter('take-person', 1, 60_000)
  expect(
    takeIfAllowed(
      [
        [byNetwork, 'net'],
        [byPerson, 'alice'],
      ],
      0,
    ),
  ).toBe(0)
  // Alice is over her limit: refused, and the network's count does not grow.
  expect(
    takeIfAllowed(
      [
        [byNetwork, 'net'],
        [byPerson, 'alice'],
      ],
      1_000,
    ),
  ).toBe(59_000)
  expect(
    takeIfAllowed(
      [
        [byNetwork, 'net'],
        [byPerson, 'bob'],
      ],
      2_000,
    ),
  ).toBe(0)
  expect(
    takeIfAllowed(
      [
        [byNetwork, 'net'],
        [byPerson, 'carol'],
      ],
      3_000,
    ),
  ).toBe(0)
  // Three on the network now: the oldest leaves the window at 60 s.
  expect(
    takeIfAllowed(
      [
        [byNetwork, 'net'],
        [byPerson, 'dave'],
      ],
      4_000,
    ),
  ).toBe(56_000)
})
