import {evaluate, parse} from 'groq-js'
import {expect, test} from 'vitest'
import {POST_PREVIEW_QUERY} from './queries'

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
