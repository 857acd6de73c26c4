import {expect, test} from 'vitest'
import {dateArchiveRange, formatArchiveDate, isRealDate, startOfDay} from './date-range'

test('a day in New York starts at 04:00 UTC in summer and 05:00 UTC in winter', () => {
  expect(startOfDay(2013, 7, 25, 'America/New_York').toISOString()).toBe('2013-07-25T04:00:00.000Z')
  expect(startOfDay(2013, 1, 25, 'America/New_York').toISOString()).toBe('2013-01-25T05:00:00.000Z')
})

test('the day the clocks change still starts at its own midnight', () => {
  // 10 March 2013: clocks went forward at 02:00; midnight was still EST.
  expect(startOfDay(2013, 3, 10, 'America/New_York').toISOString()).toBe('2013-03-10T05:00:00.000Z')
  expect(startOfDay(2013, 3, 11, 'America/New_York').toISOString()).toBe('2013-03-11T04:00:00.000Z')
})

test('year, month and day archives cover exactly their span, rolling over months and years', () => {
  expect(dateArchiveRange({year: 2013}, 'UTC')).toEqual({from: '2013-01-01T00:00:00.000Z', to: '2014-01-01T00:00:00.000Z'})
  expect(dateArchiveRange({year: 2013, month: 12}, 'UTC')).toEqual({from: '2013-12-01T00:00:00.000Z', to: '2014-01-01T00:00:00.000Z'})
  expect(dateArchiveRange({year: 2013, month: 7, day: 31}, 'America/New_York')).toEqual({
    from: '2013-07-31T04:00:00.000Z',
    to: '2013-08-01T04:00:00.000Z',
  })
})

test('only real calendar dates are archives', () => {
  expect(isRealDate({year: 2013, month: 2, day: 28})).toBe(true)
  expect(isRealDate({year: 2013, month: 2, day: 29})).toBe(false)
  expect(isRealDate({year: 2013, month: 13})).toBe(false)
  expect(isRealDate({year: 2013, month: 0})).toBe(false)
})

test('archive titles read as WordPress wrote them', () => {
  expect(formatArchiveDate({year: 2013})).toBe('2013')
  expect(formatArchiveDate({year: 2013, month: 7})).toBe('July 2013')
  expect(formatArchiveDate({year: 2013, month: 7, day: 25})).toBe('July 25, 2013')
})
