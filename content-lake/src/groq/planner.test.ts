import {isDeepStrictEqual} from 'node:util'
import {parse} from 'groq-js'
import {describe, expect, test} from 'vitest'
import {BLOG_QUERIES, blogDataset} from '../../test/blog-dataset'
import {configFromEnv} from '../config'
import {arrayView, createView, type Perspective} from '../perspective'
import {DocumentIndexes} from '../store/indexes'
import {runQuery} from './engine'
import {PlanRuntime} from './plan-runtime'
import {plan} from './planner'

const documents = blogDataset(3_000)
const byId = new Map(documents.map((doc) => [doc._id, doc]))
const source = {indexes: new DocumentIndexes(documents), get: (id: string) => byId.get(id)}

async function outcome(run: () => Promise<unknown>): Promise<unknown> {
  try {
    return {result: await run()}
  } catch (error) {
    return {error: (error as Error).name}
  }
}

const EXTRA_QUERIES = [
  {query: '*[_id == "post-3"]{title}', params: {}},
  {query: '*[_id in ["post-3", "author-1", "nope"]]._id', params: {}},
  {query: '*[_type in ["author", "category"]]._id', params: {}},
  {query: '*[references("post-3")]._id', params: {}},
  {query: '*[_type == "post"][0...5]{title, "n": count(*[references(^._id)]), "a": author->name}', params: {}},
  {query: '*[_type == "author"][0...3]{name, "posts": *[_type == "post" && author._ref == ^._id][0...2]._id}', params: {}},
  {query: '*[_type == $type && _id == $id]', params: {type: 'post', id: 'post-20'}},
  {query: '*[_type == "post" && _id in path("drafts.**")]._id', params: {}},
  {query: '*[_type == "comment" && post._ref == "post-9"]._id', params: {}},
  {query: '*[_type == "post" && slug.current == "post-40"][0]._id', params: {}},
  {query: '*[_type == "comment" && status == "pending" && 1 == 1][0...3]._id', params: {}},
  {query: '*[_type == "post" && slug.current == 40]._id', params: {}},
  {query: '*[_type == "post" && excerpt == true]._id', params: {}},
]

const limits = configFromEnv({}).queries

describe('the planner never changes a result', () => {
  const perspectives: [Perspective, boolean][] = [
    ['published', false],
    ['published', true],
    ['drafts', true],
    ['raw', true],
  ]
  for (const [perspective, canReadPrivate] of perspectives) {
    test(`on blog queries, ${perspective} perspective${canReadPrivate ? ' with a token' : ' without a token'}`, async () => {
      const view = createView(source, perspective, canReadPrivate)
      for (const {query, params} of [...Object.values(BLOG_QUERIES), ...EXTRA_QUERIES]) {
        const planned = await outcome(() => runQuery({query, params, view, limits}))
        const scanned = await outcome(() => runQuery({query, params, view, planner: false, limits}))
        expect(isDeepStrictEqual(planned, scanned), query).toBe(true)
      }
    })
  }
})

describe('the planner plans', () => {
  const view = arrayView(documents)
  const planned = (query: string, params = {}) => JSON.stringify(plan(parse(query, {params}), new PlanRuntime(view, {params})))

  test('a type filter scans only that type', () => {
    const tree = planned('*[_type == "author" && defined(name)]')
    expect(tree).not.toContain('"Everything"')
    expect(tree).toContain('"author-0"')
    expect(tree).not.toContain('"post-0"')
  })

  test('an id filter goes straight to the document', () => {
    const tree = planned('*[_id == $id]', {id: 'post-3'})
    expect(tree).toContain('"post-3"')
    expect(tree).not.toContain('"post-4"')
  })

  test('a join to the enclosing document uses the reference index, falling back to a scan', () => {
    const tree = planned('*[_type == "post"]{"c": *[_type == "comment" && post._ref == ^._id]}')
    expect(tree).toContain('referencing')
    expect(tree).toContain('"coalesce"')
  })

  test('an equality on a field within a type uses a value index', () => {
    const tree = planned('*[_type == "post" && slug.current == $slug]', {slug: 'post-3'})
    expect(tree).toContain('"post-3"')
    expect(tree).not.toContain('"post-4"')
  })

  test('filters it cannot index are left as they are', () => {
    expect(planned('*[title match "x"]')).toContain('"Everything"')
    expect(planned('*[_type == "post"]{"c": *[post._ref == _id]}')).toContain('"Everything"')
  })
})
