import type {SanityClient} from '@sanity/client'
import {afterAll, beforeAll, describe, expect, test} from 'vitest'
import {startLakeProcess, type LakeProcess} from '../test/lake-process'

// The real @sanity/client against a real lake process over HTTP: what the site and Studio rely on.

let lake: LakeProcess
let writer: SanityClient
let anonymous: SanityClient

beforeAll(async () => {
  lake = await startLakeProcess()
  writer = lake.client()
  anonymous = lake.client({token: null})
  await writer
    .transaction()
    .createOrReplace({_id: 'author-1', _type: 'author', name: 'Dr. Jami Wilder'})
    .createOrReplace({_id: 'post-1', _type: 'post', title: 'Published title', author: {_type: 'reference', _ref: 'author-1'}, views: 1})
    .createOrReplace({_id: 'drafts.post-1', _type: 'post', title: 'Draft title'})
    .createOrReplace({_id: 'drafts.post-2', _type: 'post', title: 'Never published'})
    .commit()
})

afterAll(async () => {
  await lake.stop()
})

async function rawResponse(path: string, init?: RequestInit) {
  const response = await fetch(`${lake.url}${path}`, init)
  return {status: response.status, body: (await response.json()) as Record<string, unknown>}
}

describe('query', () => {
  test('answers GET with Sanity’s {query, result, ms} shape', async () => {
    const response = await anonymous.fetch('*[_type == "post"].title', {}, {filterResponse: false})
    expect(response).toMatchObject({query: '*[_type == "post"].title', result: ['Published title']})
    expect(typeof response.ms).toBe('number')
  })

  test('decodes $params as JSON', async () => {
    const titles = await anonymous.fetch('*[_type == $type && views >= $min].title', {type: 'post', min: 1})
    expect(titles).toEqual(['Published title'])
  })

  test('follows references', async () => {
    expect(await anonymous.fetch('*[_id == "post-1"][0].author->name')).toBe('Dr. Jami Wilder')
  })

  test('answers long queries sent with POST', async () => {
    // Over the client's GET limit (11,264 characters), so it sends {query, params} in a body.
    const padding = ' '.repeat(12_000)
    expect(await anonymous.fetch(`*[_id == $id][0].title${padding}`, {id: 'post-1'})).toBe('Published title')
  })

  test('returns null, not an error, when nothing matches', async () => {
    expect(await anonymous.fetch('*[_id == "nope"][0]')).toBeNull()
  })

  test('leaves the query out when asked to (returnQuery=false)', async () => {
    const {body} = await rawResponse('/v2025-02-19/data/query/production?query=count(*)&returnQuery=false')
    expect(body).not.toHaveProperty('query')
    expect(body.result).toBe(2)
  })

  test('the drafts perspective lays drafts over published documents, with _originalId', async () => {
    const posts = await writer.fetch('*[_type == "post"] | order(_id){_id, _originalId, title}', {}, {perspective: 'drafts'})
    expect(posts).toEqual([
      {_id: 'post-1', _originalId: 'drafts.post-1', title: 'Draft title'},
      {_id: 'post-2', _originalId: 'drafts.post-2', title: 'Never published'},
    ])
  })

  test('the raw perspective shows every stored document', async () => {
    const ids = await writer.fetch('*[_type == "post"]._id | order(@)', {}, {perspective: 'raw'})
    expect([...ids].sort()).toEqual(['drafts.post-1', 'drafts.post-2', 'post-1'])
  })

  test('published is the default perspective', async () => {
    expect(await writer.fetch('*[_type == "post"].title')).toEqual(['Published title'])
  })

  test('a request without a token never sees drafts, whatever perspective it asks for', async () => {
    expect(await anonymous.fetch('*[_type == "post"].title', {}, {perspective: 'drafts'})).toEqual(['Published title'])
    expect(await anonymous.fetch('*[_type == "post"]._id', {}, {perspective: 'raw'})).toEqual(['post-1'])
    expect(await anonymous.fetch('*[_id in path("drafts.**")]', {}, {perspective: 'raw'})).toEqual([])
  })

  test('a bad GROQ query gets a 400 queryParseError that the client formats', async () => {
    const error = await anonymous.fetch('*[_type == ]').catch((e: unknown) => e)
    expect(error).toMatchObject({statusCode: 400})
    expect((error as Error).message).toContain('GROQ query parse error')
    const {status, body} = await rawResponse(`/v2025-02-19/data/query/production?query=${encodeURIComponent('*[_type == ]')}`)
    expect(status).toBe(400)
    expect(body.error).toMatchObject({
      type: 'queryParseError',
      query: '*[_type == ]',
      start: expect.any(Number),
      end: expect.any(Number),
      description: expect.any(String),
    })
  })

  test('a parameter the query uses but the request lacks is an error, not null', async () => {
    const error = await anonymous.fetch('*[_type == $missing]').catch((e: unknown) => e)
    expect(error).toMatchObject({statusCode: 400})
    expect((error as Error).message).toContain('param $missing referenced, but not provided')
  })

  test('an unknown perspective and a malformed parameter are 400s with a message', async () => {
    const perspective = await rawResponse('/v2025-02-19/data/query/production?query=1&perspective=nonsense')
    expect(perspective).toMatchObject({status: 400, body: {statusCode: 400, message: expect.stringContaining('Invalid perspective')}})
    const param = await rawResponse('/v2025-02-19/data/query/production?query=$a&$a=notjson')
    expect(param).toMatchObject({status: 400, body: {message: expect.stringContaining('$a')}})
  })

  test('an unknown token is refused rather than treated as anonymous', async () => {
    const error = await lake
      .client({token: 'not-a-real-token-at-all'})
      .fetch('1')
      .catch((e: unknown) => e)
    expect(error).toMatchObject({statusCode: 401})
  })
})

describe('mutate', () => {
  test('create sets _rev, _createdAt and _updatedAt and returns the document', async () => {
    const doc = await writer.create({_id: 'm-create', _type: 'thing', n: 1})
    expect(doc).toMatchObject({_id: 'm-create', _type: 'thing', n: 1})
    expect(doc._rev).toMatch(/^[A-Za-z0-9]{22}$/)
    expect(doc._createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/)
    expect(doc._updatedAt).toBe(doc._createdAt)
  })

  test('create without an id generates one; an id ending in "." is a prefix', async () => {
    const generated = await writer.create({_type: 'thing'})
    expect(generated._id).toMatch(/^[A-Za-z0-9]{22}$/)
    const prefixed = await writer.create({_id: 'prefix.', _type: 'thing'})
    expect(prefixed._id).toMatch(/^prefix\.[A-Za-z0-9]{22}$/)
  })

  test('create on an existing id is a 409 mutationError', async () => {
    const error = await writer.create({_id: 'm-create', _type: 'thing'}).catch((e: unknown) => e)
    expect(error).toMatchObject({statusCode: 409, details: {type: 'mutationError'}})
    expect((error as Error).message).toContain('already exists')
  })

  test('createOrReplace replaces the document but keeps _createdAt', async () => {
    const first = await writer.createOrReplace({_id: 'm-replace', _type: 'thing', a: 1})
    const second = await writer.createOrReplace({_id: 'm-replace', _type: 'thing', b: 2})
    expect(second).not.toHaveProperty('a')
    expect(second.b).toBe(2)
    expect(second._createdAt).toBe(first._createdAt)
    expect(second._rev).not.toBe(first._rev)
  })

  test('createIfNotExists leaves an existing document alone', async () => {
    const before = await writer.getDocument('m-replace')
    const result = await writer.createIfNotExists({_id: 'm-replace', _type: 'thing', c: 3})
    expect(result).toEqual(before)
    expect(await writer.getDocument('m-replace')).toEqual(before)
  })

  test('patch applies set, setIfMissing, unset, inc and dec', async () => {
    await writer.createOrReplace({_id: 'm-patch', _type: 'thing', count: 10, gone: true, keep: 'yes', nested: {a: 1}})
    const patched = await writer
      .patch('m-patch')
      .set({'nested.b': 2, title: 'Set'})
      .setIfMissing({keep: 'no', added: 'new'})
      .unset(['gone'])
      .inc({count: 5})
      .dec({count: 2})
      .commit()
    expect(patched).toMatchObject({count: 13, keep: 'yes', added: 'new', title: 'Set', nested: {a: 1, b: 2}})
    expect(patched).not.toHaveProperty('gone')
  })

  test('patch with ifRevisionID succeeds on the current revision and is a 409 otherwise', async () => {
    const current = await writer.getDocument('m-patch')
    const ok = await writer.patch('m-patch').ifRevisionId(current!._rev).set({checked: true}).commit()
    expect(ok.checked).toBe(true)
    const error = await writer
      .patch('m-patch')
      .ifRevisionId(current!._rev)
      .set({checked: false})
      .commit()
      .catch((e: unknown) => e)
    expect(error).toMatchObject({statusCode: 409})
  })

  test('patching a missing document is a 404 mutationError', async () => {
    const error = await writer
      .patch('m-missing')
      .set({a: 1})
      .commit()
      .catch((e: unknown) => e)
    expect(error).toMatchObject({statusCode: 404, details: {type: 'mutationError'}})
  })

  test('delete removes the document; deleting a missing one is harmless', async () => {
    await writer.create({_id: 'm-delete', _type: 'thing'})
    await writer.delete('m-delete')
    expect(await writer.getDocument('m-delete')).toBeUndefined()
    await expect(writer.delete('m-delete')).resolves.toMatchObject({transactionId: expect.any(String)})
  })

  test('a transaction is all or nothing', async () => {
    const error = await writer
      .transaction()
      .create({_id: 'm-atomic-1', _type: 'thing'})
      .patch('m-does-not-exist', (p) => p.set({a: 1}))
      .commit()
      .catch((e: unknown) => e)
    expect(error).toMatchObject({statusCode: 404})
    expect(await writer.getDocument('m-atomic-1')).toBeUndefined()
  })

  test('later mutations in a transaction see earlier ones, and every document gets the transaction’s revision', async () => {
    const result = await writer
      .transaction()
      .create({_id: 'm-seq', _type: 'thing', n: 1})
      .patch('m-seq', (p) => p.inc({n: 1}))
      .create({_id: 'm-seq-2', _type: 'thing'})
      .commit({returnDocuments: true})
    expect(result.map((doc) => doc.n)).toEqual([1, 2, undefined])
    const stored = await writer.getDocuments(['m-seq', 'm-seq-2'])
    expect(stored[0]!._rev).toBe(stored[1]!._rev)
  })

  test('returnIds gives ids and operations; returnDocuments adds the documents', async () => {
    const idsOnly = await writer.transaction().createOrReplace({_id: 'm-ids', _type: 'thing'}).commit()
    expect(idsOnly.results).toEqual([{id: 'm-ids', operation: 'create'}])
    expect(idsOnly.documentIds).toEqual(['m-ids'])
    const {body} = await rawResponse('/v2025-02-19/data/mutate/production?returnIds=true&returnDocuments=true', {
      method: 'POST',
      headers: {authorization: `Bearer ${lake.client().config().token}`, 'content-type': 'application/json'},
      body: JSON.stringify({mutations: [{createIfNotExists: {_id: 'm-ids', _type: 'thing'}}]}),
    })
    expect(body.results).toEqual([{id: 'm-ids', operation: 'none', document: expect.objectContaining({_id: 'm-ids'})}])
  })

  test('writes need a token: without one the lake answers 403', async () => {
    const error = await anonymous.create({_id: 'm-anon', _type: 'thing'}).catch((e: unknown) => e)
    expect(error).toMatchObject({statusCode: 403, details: {type: 'mutationError'}})
    expect(await writer.getDocument('m-anon')).toBeUndefined()
  })

  test('malformed mutations are 400s naming the problem', async () => {
    const unknown = await writer.mutate([{explode: {id: 'x'}} as never]).catch((e: unknown) => e)
    expect(unknown).toMatchObject({statusCode: 400})
    expect((unknown as Error).message).toContain('Unknown mutation "explode"')
    const noType = await writer.create({_id: 'm-no-type'} as never).catch((e: unknown) => e)
    expect((noType as Error).message).toContain('_type')
    const badId = await writer.create({_id: 'bad id!', _type: 'thing'}).catch((e: unknown) => e)
    expect((badId as Error).message).toContain('Invalid document ID')
  })
})

describe('doc', () => {
  test('reads documents by id, in the order asked, with null for missing ones', async () => {
    expect(await anonymous.getDocument('post-1')).toMatchObject({_id: 'post-1', title: 'Published title'})
    const docs = await anonymous.getDocuments(['author-1', 'missing', 'post-1'])
    expect(docs.map((doc) => doc?._id ?? null)).toEqual(['author-1', null, 'post-1'])
  })

  test('without a token, drafts are omitted for permissions; missing ids for existence', async () => {
    const {body} = await rawResponse('/v2025-02-19/data/doc/production/drafts.post-1,missing,post-1')
    expect(body.documents).toEqual([expect.objectContaining({_id: 'post-1'})])
    expect(body.omitted).toEqual([
      {id: 'drafts.post-1', reason: 'permissions'},
      {id: 'missing', reason: 'existence'},
    ])
    expect(await anonymous.getDocument('drafts.post-1')).toBeUndefined()
    expect(await writer.getDocument('drafts.post-1')).toMatchObject({title: 'Draft title'})
  })
})

test('unknown endpoints are 404s in the API’s error shape', async () => {
  const {status, body} = await rawResponse('/v2025-02-19/data/nothing/production')
  expect(status).toBe(404)
  expect(body).toMatchObject({statusCode: 404, error: 'Not Found'})
})
