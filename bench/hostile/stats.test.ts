import {expect, test} from 'vitest'
import {percentile, slowdown, summarize, tally} from './stats'

test('percentiles are nearest-rank: p95 of 40 samples is the 39th smallest', () => {
  const sorted = Array.from({length: 40}, (_, i) => i + 1)
  expect(percentile(sorted, 50)).toBe(21)
  expect(percentile(sorted, 95)).toBe(39)
  expect(percentile(sorted, 100)).toBe(40)
  expect(percentile([], 95)).toBeNaN()
})

test('a summary sorts the samples itself', () => {
  expect(summarize([30, 10, 20])).toEqual({count: 3, p50: 20, p95: 30, max: 30})
})

test('slowdown compares with the rest figure, but never with less than the floor', () => {
  expect(slowdown(100, 250, 20)).toBe(2.5)
  // 1 ms at rest, 15 ms under attack: noise, not fifteen times slower.
  expect(slowdown(1, 15, 20)).toBe(0.75)
  expect(slowdown(1, 15, 0)).toBe(15)
})

test('a tally counts each answer, most frequent first', () => {
  expect(tally(['400', 'hang', '400', '413', '400', 'hang'])).toBe('400×3 hang×2 413×1')
  expect(tally([])).toBe('')
})
