import {isDeepStrictEqual} from 'node:util'
import {describe, expect, test} from 'vitest'
import {blogDataset, SITE_QUERIES} from '../../test/blog-dataset'
import {configFromEnv} from '../config'
import {createView, type Perspective} from '../perspective'
import {DocumentIndexes} from '../store/indexes'
import type {SanityDocument} from '../types'
import {runQuery} from './engine'
import type {PlanStats} from './plan-runtime'

const limits = configFromEnv({}).queries

// Drafts beside their published posts (the drafts perspective shows them under the published id),
// a draft never published, and a document holding a stored `_score`-free text with odd words.
const documents: SanityDocument[] = [
  ...blogDataset(600),
  {
    _id: 'drafts.post-3',
    _type: 'post',
    _rev: 'r',
    _createdAt: '',
    _updatedAt: '',
    title: 'Grief, grieving, GRIEF and post-grief notes',
    slug: {current: 'post-3'},
  },
  {_id: 'drafts.lonely-draft', _type: 'post', _rev: 'r', _createdAt: '', _updatedAt: '', title: 'e.g. grief.post', excerpt: 'Post post POST'},
]
const byId = new Map(documents.map((doc) => [doc._id, doc]))

const studio = SITE_QUERIES.studioSearch
const site = SITE_QUERIES.searchPage
const SEARCHES = [
  {query: site.query, params: site.params, scored: true},
  {query: site.query, params: {...site.params, terms: ['grief'], start: 5, end: 25}, scored: true},
  {query: site.query, params: {...site.params, terms: ['post*', 'grief*'], start: 0, end: 10}, scored: true},
  {query: site.query, params: {...site.params, terms: 'gri*f', start: 0, end: 3}, scored: true},
  {query: site.query, params: {...site.params, terms: ['nothing-like-this'], start: 0, end: 10}, scored: true},
  {query: studio.query, params: studio.params, scored: true},
  {query: studio.query, params: {...studio.params, __query: 'post-3', __rawQuery: 'post-3'}, scored: true},
  {query: studio.query, params: {...studio.params, __query: 'grief* -post', __limit: 50}, scored: true},
  {query: studio.query, params: {...studio.params, __query: 'author-1', __rawQuery: 'author-1', __limit: 5}, scored: true},
  {query: '*[_type == "post"] | score(title match $q) | order(_score desc, _id asc)[0]{_id, _score}', params: {q: 'grief*'}, scored: true},
  // An ordering by what the projection makes: left to groq-js.
  {query: '*[_type == "post"] | score(title match $q)[_score > 0]{_id, "s": _score} | order(s desc)[0...5]', params: {q: 'grief*'}, scored: false},
]

const PERSPECTIVES: [Perspective, boolean][] = [
  ['published', false],
  ['drafts', true],
  ['raw', true],
]

async function run(query: string, params: Record<string, unknown>, view: ReturnType<typeof createView>, planner = true) {
  const stats: PlanStats = {plans: [], examined: 0}
  const result = await runQuery({query, params, view, limits, planner, stats})
  return {result, stats}
}

describe('searches ranked from the term index', () => {
  const source = {indexes: new DocumentIndexes(documents), get: (id: string) => byId.get(id)}

  for (const [perspective, canReadPrivate] of PERSPECTIVES) {
    test(`give groq-js's results and scores to the bit, ${perspective} perspective${canReadPrivate ? ' with a token' : ''}`, async () => {
      const view = createView(source, perspective, canReadPrivate)
      // The first search starts the build of each field's counts; until built, groq-js answers alone.
      for (const {query, params} of SEARCHES) await run(query, params, view)
      await source.indexes.terms.whenBuilt()
      for (const {query, params, scored} of SEARCHES) {
        const planned = await run(query, params, view)
        const scanned = await run(query, params, view, false)
        expect(isDeepStrictEqual(planned.result, scanned.result), `${query} ${JSON.stringify(params)}`).toBe(true)
        expect(planned.stats.plans.includes('scored'), `${query} ${JSON.stringify(params)}`).toBe(scored)
      }
    })
  }

  test('a common word is scored from the counts: no document is tokenized', async () => {
    const view = createView(source, 'drafts', true)
    await run(studio.query, studio.params, view)
    await source.indexes.terms.whenBuilt()
    const {result, stats} = await run(studio.query, studio.params, view)
    expect(stats.plans).toContain('scored')
    expect((result as unknown[]).length).toBeGreaterThan(100)
    const page = await run(site.query, site.params, createView(source, 'published', false))
    expect(page.stats.plans).toEqual(['scored', 'count'])
  })
})

describe('the term index kept current', () => {
  test('after edits, deletions and new documents, while building and after', async () => {
    const docs = blogDataset(600)
    const ids = new Map(docs.map((doc) => [doc._id, doc]))
    const indexes = new DocumentIndexes(docs)
    const source = {indexes, get: (id: string) => ids.get(id)}
    const view = () => createView(source, 'drafts', true)
    const change = (id: string, after: SanityDocument | null) => {
      indexes.apply({id, before: ids.get(id) ?? null, after})
      if (after) ids.set(id, after)
      else ids.delete(id)
    }
    const query = {query: site.query, params: {...site.params, terms: ['grief*'], end: 50}}
    await run(query.query, query.params, view())
    // Changed while the counts are being built: the build must not overwrite them.
    change('post-1', {...ids.get('post-1')!, title: 'grief grief grief'})
    change('post-2', null)
    await indexes.terms.whenBuilt()
    // And after: enough edits of one post that the index drops the replaced postings.
    const held = indexes.terms.postings()
    const words = (round: number) => Array.from({length: 30}, (_, i) => `w${round}x${i}`).join(' ')
    for (let round = 0; round < 1_000; round++) change('post-4', {...ids.get('post-4')!, excerpt: `grief ${words(round)}`})
    // 31 words a round in the excerpt alone: 31,000 postings replaced, dropped once they outnumbered the live ones.
    expect(indexes.terms.postings()).toBeLessThan(held + 25_000)
    // Each change takes a new slot: once most are empty, the documents are numbered from 0 again.
    for (let round = 0; round < 12_000; round++) change('post-6', {...ids.get('post-6')!, excerpt: `grief round ${round}`})
    expect(indexes.terms.slotCount).toBeLessThan(ids.size + 11_000)
    const renumbered = await run(query.query, query.params, view())
    expect(renumbered.stats.plans).toContain('scored')
    expect(renumbered.result).toEqual((await run(query.query, query.params, view(), false)).result)
    change('drafts.post-5', {...ids.get('post-5')!, _id: 'drafts.post-5', title: 'Grieving and grief'})
    const planned = await run(query.query, query.params, view())
    const scanned = await run(query.query, query.params, view(), false)
    expect(planned.stats.plans).toContain('scored')
    expect(planned.result).toEqual(scanned.result)
  })
})
