import {describe, expect, test} from 'vitest'
import {authorPath, categoryPath, datePartsInTimeZone, formatPostDate, pagedPath, postPath, tagPath, tagSlug} from './permalink'

describe('postPath', () => {
  test('builds the WordPress day-and-name address', () => {
    expect(postPath({publishedAt: '2013-07-25T13:00:00Z', slug: 'hold-on'}, 'America/New_York')).toBe('/2013/07/25/hold-on/')
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

describe('archive addresses', () => {
  test('tags get WordPress slugs: lower case, accents dropped, runs of other characters one dash', () => {
    expect(tagSlug('Sex Therapy')).toBe('sex-therapy')
    expect(tagSlug('  Café & Couples’ Work ')).toBe('cafe-couples-work')
    expect(tagPath('Sex Therapy')).toBe('/tag/sex-therapy/')
  })

  test('page 1 is the archive itself; later pages add /page/n/', () => {
    expect(pagedPath('/category/anxiety/', 1)).toBe('/category/anxiety/')
    expect(pagedPath('/category/anxiety/', 3)).toBe('/category/anxiety/page/3/')
    expect(pagedPath('/', 2)).toBe('/page/2/')
    expect(categoryPath('sexual-health')).toBe('/category/sexual-health/')
    expect(authorPath('jami-wilder')).toBe('/author/jami-wilder/')
  })
})
