import {evaluate, parse} from 'groq-js'
import {expect, test} from 'vitest'
import {AUTHOR_LISTING_QUERY, AUTHOR_TERM_QUERY, CATEGORY_LISTING_QUERY, CATEGORY_TERM_QUERY, POST_PREVIEW_QUERY} from './queries'

// The neighbours are two ordered slices each (decision 0247); they must name the same posts as
// "the nearest before and after, newest first, ids breaking ties on the same date".
const dates = ['2020-01-01T00:00:00Z', '2020-01-02T00:00:00Z', '2020-01-02T00:00:00Z', '2020-01-02T00:00:00Z', '2020-01-03T00:00:00Z']
const ids = ['p3', 'p1', 'p4', 'p0', 'p2']
const posts = dates.map((publishedAt, i) => ({_id: ids[i]!, _type: 'post', title: `T${i}`, slug: {current: `s${i}`}, publishedAt}))
const inOrder = [...posts].sort((a, b) => a.publishedAt.localeCompare(b.publishedAt) || a._id.localeCompare(b._id))

test.each(posts.map((post) => [post._id]))('the neighbours of %s are the posts just before and after it, ties broken by id', async (id) => {
  const result = (await (await evaluate(parse(POST_PREVIEW_QUERY, {params: {id}}), {dataset: posts, params: {id}})).get()) as {
    post: {previous: {_id: string} | null; next: {_id: string} | null}
  }
  const at = inOrder.findIndex((post) => post._id === id)
  expect([result.post.previous?._id ?? null, result.post.next?._id ?? null]).toEqual([inOrder[at - 1]?._id ?? null, inOrder[at + 1]?._id ?? null])
})

// Category and author archives read their term first and list by its id (decision 0248): no
// sub-query that the lake would evaluate again for every post it looks at.
const archiveDataset = [
  {_id: 'siteSettings', _type: 'siteSettings', timeZone: 'UTC'},
  {_id: 'c1', _type: 'category', title: 'Grief', slug: {current: 'grief'}},
  {_id: 'c2', _type: 'category', title: 'Couples', slug: {current: 'couples'}, parent: {_ref: 'c1'}},
  {_id: 'a1', _type: 'author', name: 'Ann', bio: 'Therapist', slug: {current: 'ann'}},
  {_id: 'a2', _type: 'author', name: 'Bo', slug: {current: 'bo'}},
  ...['q0', 'q1', 'q2', 'q3'].map((id, i) => ({
    _id: id,
    _type: 'post',
    title: id,
    slug: {current: id},
    publishedAt: `2020-01-0${i + 1}T00:00:00Z`,
    author: {_ref: i % 2 === 0 ? 'a1' : 'a2'},
    categories: i < 3 ? [{_ref: 'c2'}] : [{_ref: 'c1'}],
  })),
]
const run = async (query: string, params: Record<string, unknown>) => (await evaluate(parse(query, {params}), {dataset: archiveDataset, params})).get()

test.each([
  ['category', CATEGORY_TERM_QUERY, CATEGORY_LISTING_QUERY, 'couples', {title: 'Couples', parent: {title: 'Grief', slug: 'grief'}}, ['q2', 'q1'], 3],
  ['author', AUTHOR_TERM_QUERY, AUTHOR_LISTING_QUERY, 'ann', {title: 'Ann', description: 'Therapist'}, ['q2', 'q0'], 2],
])(
  'a %s archive finds its term by slug, then lists that term’s posts by its id, newest first',
  async (_kind, termQuery, listingQuery, slug, term, ids, total) => {
    const found = (await run(termQuery, {slug})) as {_id: string}
    expect(found).toMatchObject(term)
    const listing = (await run(listingQuery, {id: found._id, start: 0, end: 2})) as {total: number; posts: {_id: string}[]}
    expect({total: listing.total, ids: listing.posts.map((post) => post._id)}).toEqual({total, ids})
    // Its only document sets are the settings and the posts: nothing nested is re-evaluated per post.
    expect(listingQuery.match(/\*\[/g)).toHaveLength(3)
    expect(await run(termQuery, {slug: 'nobody'})).toBeNull()
  },
)
