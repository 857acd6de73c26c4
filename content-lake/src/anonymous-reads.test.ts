import type {MutationEvent, SanityClient} from '@sanity/client'
import {afterAll, beforeAll, describe, expect, test} from 'vitest'
import {startLakeProcess, type LakeProcess} from '../test/lake-process'

// Without a token only published documents, whose ids have no dot, may be read: never a draft,
// a release version or a private document such as a commenter's contact details. Every read
// path is checked, with requests that ask for hidden documents outright.

const SECRET = 'SECRET-do-not-leak'

let lake: LakeProcess
let writer: SanityClient
let anonymous: SanityClient

beforeAll(async () => {
  lake = await startLakeProcess(undefined, {CONTENT_LAKE_LISTEN_KEEPALIVE_MS: '200'})
  writer = lake.client()
  anonymous = lake.client({token: null})
  await writer
    .transaction()
    .createOrReplace({_id: 'post-1', _type: 'post', title: 'Published'})
    .createOrReplace({_id: 'drafts.post-1', _type: 'post', title: SECRET})
    .createOrReplace({_id: 'drafts.post-2', _type: 'post', title: SECRET})
    .createOrReplace({_id: 'versions.r1.post-1', _type: 'post', title: SECRET})
    .createOrReplace({_id: 'comment.private.c-1', _type: 'comment.private', email: SECRET})
    .createOrReplace({
      _id: 'post-3',
      _type: 'post',
      title: 'Points at hidden ones',
      secret: {_type: 'reference', _ref: 'comment.private.c-1'},
      draft: {_type: 'reference', _ref: 'drafts.post-2'},
    })
    .commit()
})

afterAll(async () => {
  await lake?.stop()
})

async function get(path: string): Promise<{status: number; text: string}> {
  const response = await fetch(`${lake.url}${path}`)
  return {status: response.status, text: await response.text()}
}

describe('query', () => {
  const queries = [
    '*',
    '*[_id in path("**")]',
    '*[_id in path("drafts.**") || _id in path("versions.**") || _id in path("comment.**")]',
    '*[_id == "post-3"]{secret->, draft->}',
    '*[references("comment.private.c-1")]{"ids": *[_id in ["drafts.post-1", "comment.private.c-1"]]}',
    '{"count": count(*), "ids": *[]._id}',
  ]
  // Every perspective, the deprecated name, none (published since 2025-02-19, raw before).
  const variants = [
    ['2025-02-19', 'published'],
    ['2025-02-19', 'drafts'],
    ['2025-02-19', 'previewDrafts'],
    ['2025-02-19', 'raw'],
    ['2025-02-19', null],
    ['2021-10-21', null],
  ] as const

  test.each(variants)('API %s, perspective %s: GET shows published documents only', async (apiVersion, perspective) => {
    for (const query of queries) {
      const search = new URLSearchParams({query, ...(perspective ? {perspective} : {})})
      const {status, text} = await get(`/v${apiVersion}/data/query/production?${search}`)
      expect(status).toBe(200)
      expect(text).not.toContain(SECRET)
      expect(text).not.toMatch(/"_id":"(drafts|versions|comment)\./)
    }
    const search = new URLSearchParams({query: '*._id', ...(perspective ? {perspective} : {})})
    expect(JSON.parse((await get(`/v${apiVersion}/data/query/production?${search}`)).text).result.sort()).toEqual(['post-1', 'post-3'])
  })

  test('the client’s POST for long queries is held to the same rule', async () => {
    for (const perspective of ['raw', 'drafts'] as const) {
      const ids = await anonymous.fetch(`*._id${' '.repeat(12_000)}`, {}, {perspective})
      expect([...ids].sort()).toEqual(['post-1', 'post-3'])
    }
  })
})

test('doc: hidden ids are omitted for permissions, whether they exist or not', async () => {
  const {status, text} = await get('/v2025-02-19/data/doc/production/post-1,drafts.post-1,versions.r1.post-1,comment.private.c-1,drafts.nope')
  expect(status).toBe(200)
  expect(text).not.toContain(SECRET)
  const body = JSON.parse(text)
  expect(body.documents.map((doc: {_id: string}) => doc._id)).toEqual(['post-1'])
  expect(body.omitted).toEqual([
    {id: 'drafts.post-1', reason: 'permissions'},
    {id: 'versions.r1.post-1', reason: 'permissions'},
    {id: 'comment.private.c-1', reason: 'permissions'},
    {id: 'drafts.nope', reason: 'permissions'},
  ])
})

test('listen: changes to hidden documents send nothing, even to a filter that asks for them', async () => {
  const events: MutationEvent[] = []
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`No event for the published change; got ${JSON.stringify(events)}`)), 5_000)
    const subscription = anonymous
      .listen('*[_type == "post" || _type == "comment.private"]', {}, {
        includeResult: true,
        includePreviousRevision: true,
        includeAllVersions: true,
        events: ['welcome', 'mutation'],
      } as never)
      .subscribe({
        next: (event: {type: string}) => {
          if (event.type === 'welcome') {
            // Hidden changes first; the published one last marks the end.
            void writer
              .transaction()
              .patch('drafts.post-1', (patch) => patch.set({title: `${SECRET} 2`}))
              .patch('versions.r1.post-1', (patch) => patch.set({title: `${SECRET} 2`}))
              .patch('comment.private.c-1', (patch) => patch.set({email: `${SECRET} 2`}))
              .commit()
              .then(() => writer.patch('post-1').set({title: 'Published 2'}).commit())
              .catch(reject)
            return
          }
          events.push(event as MutationEvent)
          if ((event as MutationEvent).documentId === 'post-1') {
            clearTimeout(timer)
            subscription.unsubscribe()
            resolve()
          }
        },
        error: reject,
      })
  })
  expect(events.map((event) => event.documentId)).toEqual(['post-1'])
  expect(JSON.stringify(events)).not.toContain(SECRET)
})

test('history: refused without a token, for published and hidden documents alike', async () => {
  const time = encodeURIComponent(new Date().toISOString())
  for (const path of [
    '/v2025-02-19/data/history/production/transactions/drafts.post-1',
    '/v2025-02-19/data/history/production/transactions/post-1',
    `/v2025-02-19/data/history/production/documents/drafts.post-1?time=${time}`,
    '/v2025-02-19/data/history/production/events/documents/post-1',
  ]) {
    const {status, text} = await get(path)
    expect(status).toBe(403)
    expect(text).not.toContain(SECRET)
  }
})
