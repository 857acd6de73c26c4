import {isDeepStrictEqual} from 'node:util'
import {parse} from 'groq-js'
import {describe, expect, test} from 'vitest'
import {BLOG_QUERIES, blogDataset, SITE_QUERIES} from '../../test/blog-dataset'
import {configFromEnv} from '../config'
import {arrayView, createView, type Perspective} from '../perspective'
import {DocumentMemory} from '../store/document-memory'
import {DocumentIndexes} from '../store/indexes'
import {runQuery} from './engine'
import {type PlanStats, PlanRuntime} from './plan-runtime'
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
  // A constant sub-query finding nothing, literal ids (the site's archives, in the tests below, find some).
  {query: '*[_type == "author" && references(*[_type == "category" && slug.current == "nope"]._id)]._id', params: {}},
  {query: '*[_type == "author" && references(*[_type == "category"][0...2])]._id', params: {}},
  {query: '*[_type == "comment" && references(["post-3", 7, "post-9"])]._id', params: {}},
  // A field equal to the enclosing document's, through the value index.
  {query: '*[_type == "comment"][0...20]{"same": *[_type == "comment" && status == ^.status && _id < ^._id] | order(_id desc)[0]._id}', params: {}},
  {query: '*[_type == "post"][0...5]{"n": count(*[_type == "post" && author._ref == ^.author._ref && title == ^.slug])}', params: {}},
]

const limits = configFromEnv({}).queries
const taggedPosts = blogDataset(600).map((doc, i) => (doc._type === 'post' ? {...doc, tags: [`Topic ${i % 3}`]} : doc))
const PERSPECTIVES: [Perspective, boolean][] = [
  ['published', false],
  ['published', true],
  ['drafts', true],
  ['raw', true],
]

describe('the planner never changes a result', () => {
  for (const [perspective, canReadPrivate] of PERSPECTIVES) {
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

describe('the planner never changes the site’s and Studio’s results', () => {
  // Smaller: unplanned, the category listing runs its inner `*` once per post.
  const memory = new DocumentMemory(blogDataset(600))
  for (const [perspective, canReadPrivate] of [PERSPECTIVES[0]!, PERSPECTIVES[2]!]) {
    test(`${perspective} perspective${canReadPrivate ? ' with a token' : ' without a token'}`, async () => {
      await memory.indexes.text.whenReady()
      const view = memory.view(perspective, canReadPrivate)
      for (const {query, params} of Object.values(SITE_QUERIES)) {
        for (const window of [{}, {start: 20, end: 30}]) {
          const planned = await outcome(() => runQuery({query, params: {...params, ...window}, view, limits}))
          const scanned = await outcome(() => runQuery({query, params: {...params, ...window}, view, planner: false, limits}))
          expect(isDeepStrictEqual(planned, scanned), query).toBe(true)
        }
      }
    })
  }
})

describe('each plan is used: a regression to scanning fails here', () => {
  const view = createView(source, 'published', false)
  const posts = view.ofType('post').length
  const explain = async (query: string, params: Record<string, unknown> = {}) => {
    const stats: PlanStats = {plans: [], examined: 0}
    await runQuery({query, params, view, limits, stats})
    return stats
  }

  test('newest posts walk the sorted index and stop at the slice’s end', async () => {
    const stats = await explain(BLOG_QUERIES.newestPosts.query)
    expect(stats.plans).toEqual(['ordered'])
    // Entries walked and filtered: a few chunks' worth, of 300 posts.
    expect(stats.examined).toBeLessThanOrEqual(80)
  })

  test('a page deep into the listing walks only to its end, and its total is counted from the indexes', async () => {
    const {query, params} = SITE_QUERIES.homePage50
    const stats = await explain(query, {...params, start: 40, end: 50})
    // The time zone is read from the site settings by id ('candidates' is not a lookup).
    expect(stats.plans).toEqual(['count', 'ordered'])
    // The count tests `defined()` on each post in JS; the walk reads and filters about 50 entries (a full walk: 2 × 300).
    expect(stats.examined).toBeLessThanOrEqual(posts + 150)
  })

  test('previous and next seek into the index from the enclosing post', async () => {
    const stats = await explain(SITE_QUERIES.postPage.query, SITE_QUERIES.postPage.params)
    // The clinicians' names: the authors filtered here. A neighbour on the same date is looked up by
    // the date's value; then the nearest date is sought in order. Related posts and the comments:
    // the category's few posts and the post's comments are filtered whole.
    expect(stats.plans).toEqual(['filtered', 'same value', 'ordered', 'same value', 'ordered', 'candidates', 'candidates'])
    expect(stats.examined).toBeLessThanOrEqual(view.ofType('author').length + 20)
  })

  test('a category’s and an author’s archive list and count their posts from the reference and value indexes', async () => {
    for (const {query, params} of [SITE_QUERIES.category, SITE_QUERIES.author]) {
      const stats = await explain(query, params)
      // The author's 3 posts are filtered whole, the category's 150 walked in order; the total is counted.
      expect(stats.plans).toContain('count')
      expect(stats.examined).toBeLessThanOrEqual(2 * 150 + 40)
    }
  })

  test('a constant sub-query (a term’s ids by its slug) is evaluated once, then planned as a literal reference', async () => {
    const query = `{
      "total": count(*[_type == "post" && references(*[_type == "category" && slug.current == $slug]._id)]),
      "posts": *[_type == "post" && references(*[_type == "category" && slug.current == $slug]._id)] | order(publishedAt desc, _id desc)[0...10]{_id}
    }`
    const stats = await explain(query, {slug: SITE_QUERIES.categoryTerm.params.slug})
    expect(stats.plans.filter((name) => name === 'constant')).toHaveLength(2)
    expect(stats.examined).toBeLessThanOrEqual(2 * 150 + 40)
  })

  test('the tags in use and a tag’s total are filtered without groq-js', async () => {
    const tagged = createView({indexes: new DocumentIndexes(taggedPosts), get: (id) => taggedPosts.find((doc) => doc._id === id)}, 'published', false)
    const stats: PlanStats = {plans: [], examined: 0}
    expect(((await runQuery({...SITE_QUERIES.allTags, view: tagged, limits, stats})) as string[]).sort()).toEqual(['Topic 0', 'Topic 1', 'Topic 2'])
    expect(stats.plans).toEqual(['filtered', 'distinct'])
    const listing: PlanStats = {plans: [], examined: 0}
    const {total} = (await runQuery({
      query: SITE_QUERIES.tag.query,
      params: {...SITE_QUERIES.tag.params, tag: 'Topic 1'},
      view: tagged,
      limits,
      stats: listing,
    })) as {total: number}
    expect(total).toBe(taggedPosts.filter((doc) => (doc.tags as string[] | undefined)?.includes('Topic 1') && !doc._id.startsWith('drafts.')).length)
    expect(listing.plans).toContain('count')
  })

  test('whether a term has posts stops at the first; a walk the indexes tell entirely tests documents without groq-js', async () => {
    const archives = await explain(SITE_QUERIES.sitemapArchives.query)
    const terms = documents.filter((doc) => doc._type === 'category' || doc._type === 'author').length
    const posts = documents.filter((doc) => doc._type === 'post').length
    // The tags read every post; `count(…) > 0` reads one post per category and author (each has some), not all of theirs.
    expect(archives.examined).toBeLessThanOrEqual(posts + terms + 5)
    expect(archives.plans).toContain('distinct')
    const {start, end} = {start: 100, end: 200}
    const sitemap = await explain(SITE_QUERIES.sitemapPosts.query, {start, end})
    expect(sitemap.plans).toContain('ordered')
    // Each document walked once, not once more by groq-js's filter.
    expect(sitemap.examined).toBeLessThanOrEqual(end + 10)
  })

  test('counts within a type and value, and per post through references, read no document', async () => {
    expect(await explain(BLOG_QUERIES.pendingCount.query)).toEqual({plans: ['count'], examined: 0})
    const counts = await explain(BLOG_QUERIES.newestWithCommentCounts.query)
    expect(counts.plans.filter((plan) => plan === 'count')).toHaveLength(10)
    expect(counts.examined).toBeLessThanOrEqual(200)
  })

  test('a rare word is looked up in the text index; a common one is found walking the order', async () => {
    await source.indexes.text.whenReady()
    const rare = await explain(SITE_QUERIES.searchPage.query, {...SITE_QUERIES.searchPage.params, terms: ['trust*', '1234*']})
    expect(rare.plans).toContain('words')
    expect(rare.examined).toBeLessThanOrEqual(20)
    const common = await explain(BLOG_QUERIES.search.query, BLOG_QUERIES.search.params)
    expect(common.plans).toEqual(['ordered'])
    expect(common.examined).toBeLessThanOrEqual(80)
  })

  test('a view asked before the text index was complete uses it once it is (nothing unanswered is remembered)', async () => {
    const memory = new DocumentMemory(documents)
    const fresh = memory.view('published', false)
    // Either of two fields: a condition the term index leaves to the text index (see scored-pipeline.test.ts for the rest).
    const query = '*[_type == "post" && (title match $terms || pt::text(body) match $terms)] | order(publishedAt desc)[0...10]._id'
    const params = {terms: ['trust*', '1234*']}
    const before: PlanStats = {plans: [], examined: 0}
    const expected = await runQuery({query, params, view: fresh, limits, stats: before})
    expect(before.plans).not.toContain('words')
    await memory.indexes.text.whenReady()
    const after: PlanStats = {plans: [], examined: 0}
    expect(await runQuery({query, params, view: fresh, limits, stats: after})).toEqual(expected)
    expect(after.plans).toContain('words')
  })

  test('Studio’s global search: until the term index is built, only the documents holding the words are scored', async () => {
    const memory = new DocumentMemory(documents)
    await memory.indexes.text.whenReady()
    const fresh = memory.view('drafts', true)
    const stats: PlanStats = {plans: [], examined: 0}
    const scored = await runQuery({...SITE_QUERIES.studioSearch, view: fresh, limits, stats})
    expect(stats.plans).toContain('words')
    expect(stats.plans).not.toContain('scored')
    expect(scored).not.toEqual([])
  })
})
