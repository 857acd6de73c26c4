import type {SanityClient} from '@sanity/client'
import {afterAll, beforeAll, expect, test} from 'vitest'
import {startLakeProcess, type LakeProcess} from '../../test/lake-process'

// `text::query()` as Studio 6 sends it (sanity's createSearchQuery, "findability-mvi:5"), through
// the real @sanity/client against a real lake process.

let lake: LakeProcess
let editor: SanityClient
let anonymous: SanityClient

const block = (text: string) => ({
  _type: 'block',
  _key: text.slice(0, 8),
  style: 'normal',
  markDefs: [],
  children: [{_type: 'span', _key: 's', marks: [], text}],
})

beforeAll(async () => {
  lake = await startLakeProcess()
  editor = lake.client()
  anonymous = lake.client({token: null})
  await editor
    .transaction()
    .createOrReplace({_id: 'a', _type: 'post', title: 'Grief after a long illness', body: [block('Talking helps when the nights are long')]})
    .createOrReplace({_id: 'drafts.a', _type: 'post', title: 'Grief after a long illness', body: [block('A new paragraph about sleep')]})
    .createOrReplace({_id: 'b', _type: 'post', title: 'Couples counselling basics', category: {_type: 'reference', _ref: 'mindfulness'}})
    .createOrReplace({_id: 'c', _type: 'post', title: 'Anxiety at work', seo: {description: 'Panic attacks and a long day at the office'}})
    .createOrReplace({_id: 'mindfulness', _type: 'category', title: 'Mindfulness'})
    .commit()
})

afterAll(async () => {
  await lake.stop()
})

// The document list's query, as Studio 6 sends it for a list of posts (`*` before anything is typed).
const LIST_QUERY = `// findability-mvi:5
// findability-source: list
*[_type in $__types && ([@, _id] match text::query($__query) || references($__rawQuery)) && (_type == $type)] {_type, _id, _originalId, "orderings": [_updatedAt]} | order(orderings[0] desc) [0...$__limit]`

async function list(search: string, {client = editor, perspective = 'published'}: {client?: SanityClient; perspective?: 'published' | 'drafts'} = {}) {
  const params = {__types: ['post'], __limit: 101, __query: search, __rawQuery: search, type: 'post'}
  const results = await client.fetch<{_id: string}[]>(LIST_QUERY, params, {perspective})
  return results.map(({_id}) => _id).sort()
}

test('`*` (nothing typed yet) lists every document of the type', async () => {
  expect(await list('*')).toEqual(['a', 'b', 'c'])
  expect(await list('')).toEqual(['a', 'b', 'c'])
})

test('a term matches a whole word anywhere in the document, whatever its case: fields, nested objects, Portable Text', async () => {
  expect(await list('NIGHTS')).toEqual(['a'])
  expect(await list('panic')).toEqual(['c'])
  expect(await list('long')).toEqual(['a', 'c'])
  expect(await list('counsel')).toEqual([])
  expect(await list('counsel*')).toEqual(['b'])
})

test('every term is required, `-term` excludes, a quoted phrase needs its words, `-*` matches nothing', async () => {
  expect(await list('grief long')).toEqual(['a'])
  expect(await list('grief office')).toEqual([])
  expect(await list('long -office')).toEqual(['a'])
  expect(await list('"long illness"')).toEqual(['a'])
  expect(await list('-*')).toEqual([])
})

test('system fields are not text: types and reference ids do not match, the id does (Studio adds `_id`)', async () => {
  const matching = (search: string) => editor.fetch<string[]>('*[_type == "post" && [@, _id] match text::query($search)]._id | order(@)', {search})
  expect(await matching('post')).toEqual([])
  expect(await matching('mindfulness')).toEqual([])
  expect(await matching('b')).toEqual(['b'])
  // In Studio's list, the raw search as an id finds the documents referring to it (`references($__rawQuery)`).
  expect(await list('mindfulness')).toEqual(['b'])
})

test('the drafts perspective searches the draft’s text; without a token, drafts are never searched', async () => {
  expect(await list('sleep', {perspective: 'drafts'})).toEqual(['a'])
  expect(await list('sleep')).toEqual([])
  expect(await list('sleep', {client: anonymous, perspective: 'drafts'})).toEqual([])
})

test('Studio’s scored search ranks a boosted title match above a match elsewhere', async () => {
  const query = `*[_type in $__types] | score(boost(_type in ["post"] && title match text::query($__query), 10), ([@, _id] match text::query($__query) || references($__rawQuery))) [_score > 0] {_id, _score} | order(_score desc)`
  const ranked = await editor.fetch<{_id: string; _score: number}[]>(query, {__types: ['post'], __query: 'long', __rawQuery: 'long'})
  expect(ranked.map(({_id}) => _id)).toEqual(['a', 'c'])
  expect(ranked[0]!._score).toBeGreaterThan(ranked[1]!._score)
})

test('a field can be searched on its own, as Studio resolves references by their titles', async () => {
  const query = '*[(_type == "category" && title match text::query($__query))][0...1000]._id'
  expect(await editor.fetch(query, {__query: 'mindful*'})).toEqual(['mindfulness'])
})

test('text::query() of anything but a given string is a 400 that says so', async () => {
  const response = await fetch(`${lake.url}/v2025-02-19/data/query/production?query=${encodeURIComponent('*[title match text::query(title)]')}`)
  expect(response.status).toBe(400)
  expect(await response.json()).toMatchObject({error: {type: 'queryExecutionError', description: expect.stringContaining('text::query()')}})
})
