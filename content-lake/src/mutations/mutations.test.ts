import type {SanityClient} from '@sanity/client'
import {afterAll, beforeAll, expect, test} from 'vitest'
import {startLakeProcess, TEST_TOKEN, type LakeProcess} from '../../test/lake-process'

// The rest of Sanity's mutation API, through the real client against a real lake process.

let lake: LakeProcess
let client: SanityClient

beforeAll(async () => {
  lake = await startLakeProcess()
  client = lake.client()
})

afterAll(async () => {
  await lake?.stop()
})

async function mutateRaw(body: unknown, query = '') {
  const response = await fetch(`${lake.url}/v2025-02-19/data/mutate/production?returnIds=true&returnDocuments=true${query}`, {
    method: 'POST',
    headers: {authorization: `Bearer ${TEST_TOKEN}`, 'content-type': 'application/json'},
    body: JSON.stringify(body),
  })
  return {status: response.status, body: (await response.json()) as Record<string, unknown>}
}

test('insert before, after and replace, by key and by index', async () => {
  await client.create({
    _id: 'ins',
    _type: 'thing',
    list: [
      {_key: 'a', v: 1},
      {_key: 'c', v: 3},
    ],
  })
  // One insert per patch, as in Sanity's API; several patches can share a transaction.
  await client
    .transaction()
    .patch('ins', (p) => p.insert('after', 'list[_key=="a"]', [{_key: 'b', v: 2}]))
    .patch('ins', (p) => p.insert('before', 'list[0]', [{_key: 'z', v: 0}]))
    .patch('ins', (p) => p.insert('after', 'list[-1]', [{_key: 'd', v: 4}]))
    .commit()
  const doc = (await client.getDocument('ins'))!
  expect(doc.list.map((item: {_key: string}) => item._key)).toEqual(['z', 'a', 'b', 'c', 'd'])
  const replaced = await client
    .patch('ins')
    .insert('replace', 'list[_key=="c"]', [{_key: 'C', v: 30}])
    .commit()
  expect(replaced.list.map((item: {_key: string}) => item._key)).toEqual(['z', 'a', 'b', 'C', 'd'])
})

test('diffMatchPatch edits a string in place', async () => {
  await client.create({_id: 'dmp', _type: 'thing', text: 'The quick brown fox'})
  const doc = await client.patch('dmp').diffMatchPatch({text: '@@ -1,19 +1,19 @@\n The \n-quick\n+slow \n brown fox\n'}).commit()
  expect(doc.text).toBe('The slow brown fox')
})

test('patch and delete by GROQ query touch every match, in one transaction', async () => {
  await client
    .transaction()
    .create({_id: 'q-1', _type: 'bulk', n: 1})
    .create({_id: 'q-2', _type: 'bulk', n: 2})
    .create({_id: 'q-3', _type: 'other', n: 3})
    .commit()
  const patched = await mutateRaw({mutations: [{patch: {query: '*[_type == $t]', params: {t: 'bulk'}, inc: {n: 10}}}]})
  expect((patched.body.results as {id: string}[]).map((r) => r.id).sort()).toEqual(['q-1', 'q-2'])
  expect(await client.fetch('*[_id in ["q-1", "q-2", "q-3"]] | order(_id).n')).toEqual([11, 12, 3])
  await client.delete({query: '*[_type == "bulk"]'})
  expect(await client.fetch('*[_id in ["q-1", "q-2", "q-3"]]._id')).toEqual(['q-3'])
})

test('dryRun answers as if committed but changes nothing', async () => {
  const {status, body} = await mutateRaw({mutations: [{create: {_id: 'dry', _type: 'thing'}}]}, '&dryRun=true')
  expect(status).toBe(200)
  expect(body.results).toEqual([{id: 'dry', operation: 'create', document: expect.objectContaining({_id: 'dry'})}])
  expect(await client.getDocument('dry')).toBeUndefined()
})

test('autoGenerateArrayKeys gives objects in arrays a _key, at any depth', async () => {
  type Keyed = {_key?: string}
  const doc = (await client.create(
    {_id: 'keys', _type: 'thing', blocks: [{text: 'a'}, {_key: 'kept', text: 'b'}], nested: {list: [{x: 1}]}, tags: ['plain']},
    {autoGenerateArrayKeys: true},
  )) as unknown as {blocks: Keyed[]; nested: {list: Keyed[]}; tags: string[]}
  expect(doc.blocks[0]?._key).toMatch(/^\w+$/)
  expect(doc.blocks[1]?._key).toBe('kept')
  expect(doc.nested.list[0]?._key).toMatch(/^\w+$/)
  expect(doc.tags).toEqual(['plain'])
})

test('a caller-chosen transactionId is the transaction and the revision; visibility modes all answer after commit', async () => {
  for (const visibility of ['sync', 'async', 'deferred'] as const) {
    const id = `vis-${visibility}`
    const result = await client
      .transaction()
      .create({_id: id, _type: 'thing'})
      .commit({visibility, transactionId: `tx-${visibility}`} as never)
    expect(result.transactionId).toBe(`tx-${visibility}`)
    expect((await client.getDocument(id))!._rev).toBe(`tx-${visibility}`)
  }
})

test('malformed JSON, oversized bodies and unknown patch operations are Sanity-shaped 4xx errors', async () => {
  const malformed = await fetch(`${lake.url}/v2025-02-19/data/mutate/production`, {
    method: 'POST',
    headers: {authorization: `Bearer ${TEST_TOKEN}`, 'content-type': 'application/json'},
    body: '{"mutations": [',
  })
  expect(malformed.status).toBe(400)
  expect(await malformed.json()).toMatchObject({statusCode: 400, error: 'Bad Request'})

  const huge = await fetch(`${lake.url}/v2025-02-19/data/mutate/production`, {
    method: 'POST',
    headers: {authorization: `Bearer ${TEST_TOKEN}`, 'content-type': 'application/json'},
    body: JSON.stringify({mutations: [{create: {_type: 'thing', blob: 'x'.repeat(11 * 1024 * 1024)}}]}),
  })
  expect(huge.status).toBe(413)

  const unknown = await mutateRaw({mutations: [{patch: {id: 'keys', explode: {a: 1}}}]})
  expect(unknown.status).toBe(400)
  expect(unknown.body.error).toMatchObject({type: 'mutationError', items: [{error: {description: expect.stringContaining('explode')}}]})
})
