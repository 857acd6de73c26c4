import {expect, test} from 'vitest'
import {pagesTouchedBy} from './content-changes.server'

const post = (fields: Record<string, unknown> = {}) => ({
  _id: 'p1',
  _type: 'post',
  title: 'A title',
  slug: {current: 'a-title'},
  publishedAt: '2020-01-01T00:00:00Z',
  author: {_ref: 'author-1'},
  categories: [{_ref: 'cat-1', _key: 'k'}],
  tags: ['sleep'],
  ...fields,
})

test("a post's new words touch its own pages and search, not the lists", () => {
  expect(pagesTouchedBy({documentId: 'p1', transition: 'update', previous: post(), result: post({title: 'New'})})).toEqual(['post:p1', 'search'])
})

test("a post's arrival, removal, or new date, address or category touches the lists too", () => {
  expect(pagesTouchedBy({documentId: 'p1', transition: 'appear', result: post()})).toContain('post-lists')
  expect(pagesTouchedBy({documentId: 'p1', transition: 'disappear', previous: post()})).toContain('post-lists')
  for (const change of [{publishedAt: '2021-01-01T00:00:00Z'}, {slug: {current: 'b'}}, {categories: [{_ref: 'cat-2', _key: 'k'}]}, {sticky: true}]) {
    expect(pagesTouchedBy({documentId: 'p1', transition: 'update', previous: post(), result: post(change)}), JSON.stringify(change)).toEqual([
      'post:p1',
      'search',
      'post-lists',
    ])
  }
})

test("an approved comment touches its post's comments and the comments feed", () => {
  const comment = {_id: 'c1', _type: 'publicComment', post: {_ref: 'p1'}}
  expect(pagesTouchedBy({documentId: 'c1', transition: 'appear', result: comment})).toEqual(['comments:p1', 'comments'])
  expect(pagesTouchedBy({documentId: 'c1', transition: 'disappear', previous: comment})).toEqual(['comments:p1', 'comments'])
})

test('settings, archives, pages and anything unknown touch every page', () => {
  for (const _type of ['siteSettings', 'category', 'author', 'tag', 'page', 'somethingNew']) {
    expect(pagesTouchedBy({documentId: 'x', transition: 'update', result: {_id: 'x', _type}}), _type).toBe('everything')
  }
  expect(pagesTouchedBy({documentId: 'x', transition: 'disappear'})).toBe('everything')
})
