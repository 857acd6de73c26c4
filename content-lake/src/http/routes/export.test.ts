import {afterAll, beforeAll, expect, test} from 'vitest'
import {startLakeProcess, TEST_TOKEN, type LakeProcess} from '../../../test/lake-process'
import type {SanityDocument} from '../../types'

let lake: LakeProcess

beforeAll(async () => {
  lake = await startLakeProcess()
  const transaction = lake
    .client()
    .transaction()
    .create({_id: 'post-1', _type: 'post', title: 'Published'})
    .create({_id: 'drafts.post-1', _type: 'post', title: 'Draft'})
    .create({_id: 'private.note-1', _type: 'note', text: 'Only for editors'})
    .create({_id: 'author-1', _type: 'author', name: 'Wilder'})
  // Enough documents that the response is sent in many writes.
  for (let index = 0; index < 2000; index++) {
    transaction.create({_id: `bulk-${String(index).padStart(4, '0')}`, _type: 'bulk', text: 'x'.repeat(500)})
  }
  await transaction.commit()
})

afterAll(async () => {
  await lake.stop()
})

async function exported(query = '', token?: string): Promise<{response: Response; documents: SanityDocument[]}> {
  const response = await fetch(`${lake.url}/v2025-02-19/data/export/production${query}`, {
    headers: token ? {authorization: `Bearer ${token}`} : {},
  })
  const text = await response.text()
  const documents = response.ok
    ? text
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as SanityDocument)
    : []
  return {response, documents}
}

const nonBulk = (documents: SanityDocument[]) => documents.filter((document) => document._type !== 'bulk').map((document) => document._id)

test('without a token the export holds published documents only, as NDJSON', async () => {
  const {response, documents} = await exported()
  expect(response.status).toBe(200)
  expect(response.headers.get('content-type')).toBe('application/x-ndjson; charset=utf-8')
  expect(nonBulk(documents)).toEqual(['author-1', 'post-1'])
  expect(documents.some((document) => document._id.includes('.'))).toBe(false)
})

test('with a token the export holds every document, raw, streamed in id order', async () => {
  const {response, documents} = await exported('', TEST_TOKEN)
  expect(response.headers.get('content-length')).toBeNull()
  expect(nonBulk(documents)).toEqual(['author-1', 'drafts.post-1', 'post-1', 'private.note-1'])
  expect(documents).toHaveLength(2004)
  expect(documents.find((document) => document._id === 'drafts.post-1')).toMatchObject({title: 'Draft', _rev: expect.any(String)})
  const ids = documents.map((document) => document._id)
  expect(ids).toEqual([...ids].sort())
})

test('types filters by comma-separated document types', async () => {
  expect(nonBulk((await exported('?types=post,note', TEST_TOKEN)).documents)).toEqual(['drafts.post-1', 'post-1', 'private.note-1'])
  expect((await exported('?types=post')).documents.map((document) => document._id)).toEqual(['post-1'])
})

test('an unknown token is refused', async () => {
  expect((await exported('', 'not-a-known-token-at-all')).response.status).toBe(401)
})
