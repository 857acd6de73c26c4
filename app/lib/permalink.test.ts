import {describe, expect, test} from 'vitest'
import {datePartsInTimeZone, formatPostDate, postPath} from './permalink'

describe('postPath', () => {
  test('builds the WordPress day-and-name address', () => {
    expect(
      postPath({publishedAt: '2013-07-25T13:00:00Z', slug: 'hold-on'}, 'America/New_York'),
    ).toBe('/2013/07/25/hold-on/')
  })

  test('dates the address in the blog’s time zone, not UTC', () => {
    // 02:30 UTC on the 26th is still the evening of the 25th in Rhode Island.
    expect(datePartsInTimeZone('2013-07-26T02:30:00Z', 'America/New_York')).toEqual({
      year: '2013',
      month: '07',
      day: '25',
    })
    expect(datePartsInTimeZone('2013-07-26T02:30:00Z', 'UTC').day).toBe('26')
  })
})

test('formatPostDate writes the date as the original blog did', () => {
  expect(formatPostDate('2013-07-25T13:00:00Z', 'America/New_York')).toBe('July 25, 2013')
})
