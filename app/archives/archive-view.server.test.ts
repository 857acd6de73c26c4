import {expect, test} from 'vitest'
import {searchPattern, withStickyFirst} from './archive-view.server'

test('a reader’s words become prefix patterns for GROQ match, punctuation and wildcards dropped', () => {
  expect(searchPattern('  Sex   therapy? ')).toEqual(['Sex*', 'therapy*'])
  expect(searchPattern('don’t *panic* "now"')).toEqual(['don’t*', 'panic*', 'now*'])
  expect(searchPattern('*** ??')).toEqual([])
  expect(searchPattern('a b c d e f g h i j')).toHaveLength(8)
})

test('the home page’s first page: sticky posts first, newest sticky first, then the page’s others, none twice', () => {
  const post = (id: string) => ({_id: id, title: id, slug: id, publishedAt: '2020-01-01T00:00:00Z', excerpt: '', categories: []})
  const page = [post('new'), post('sticky-new'), post('older')]
  const sticky = [post('sticky-new'), post('sticky-old')]
  expect(withStickyFirst(page, sticky).map((shown) => shown._id)).toEqual(['sticky-new', 'sticky-old', 'new', 'older'])
  expect(withStickyFirst(page, []).map((shown) => shown._id)).toEqual(['new', 'sticky-new', 'older'])
})
