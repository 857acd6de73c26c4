import type {MutationEvent, SanityClient} from '@sanity/client'
import {afterAll, beforeAll, expect, test} from 'vitest'
import {startLakeProcess, type LakeProcess} from '../../test/lake-process'

// The Actions API as Studio drives it, through the real client against a real lake process.

let lake: LakeProcess
let client: SanityClient

beforeAll(async () => {
  lake = await startLakeProcess()
  client = lake.client()
})

afterAll(async () => {
  await lake?.stop()
})

const get = (id: string) => client.getDocument(id)

test('create makes a draft; edit patches it; publish moves it to the published id', async () => {
  await client.action({
    actionType: 'sanity.action.document.create',
    publishedId: 'a-1',
    attributes: {_id: 'drafts.a-1', _type: 'post', title: 'First'},
    ifExists: 'fail',
  })
  expect(await get('drafts.a-1')).toMatchObject({_type: 'post', title: 'First'})
  expect(await get('a-1')).toBeUndefined()

  await client.action({actionType: 'sanity.action.document.edit', draftId: 'drafts.a-1', publishedId: 'a-1', patch: {set: {title: 'Edited'}}})
  expect((await get('drafts.a-1'))!.title).toBe('Edited')

  const {transactionId} = await client.action(
    {actionType: 'sanity.action.document.publish', draftId: 'drafts.a-1', publishedId: 'a-1'},
    {transactionId: 'publish-a-1'},
  )
  expect(transactionId).toBe('publish-a-1')
  expect(await get('drafts.a-1')).toBeUndefined()
  // The request's transaction id becomes the revision, which Studio relies on.
  expect(await get('a-1')).toMatchObject({title: 'Edited', _rev: 'publish-a-1'})
})

test('editing a published document starts its draft from it', async () => {
  await client.createOrReplace({_id: 'a-2', _type: 'post', title: 'Live', body: 'text'})
  await client.action({actionType: 'sanity.action.document.edit', draftId: 'drafts.a-2', publishedId: 'a-2', patch: {set: {title: 'Changed'}}})
  expect(await get('drafts.a-2')).toMatchObject({title: 'Changed', body: 'text'})
  expect((await get('a-2'))!.title).toBe('Live')
})

test('unpublish keeps the content as a draft; discard drops a draft; delete removes both', async () => {
  await client.createOrReplace({_id: 'a-3', _type: 'post', title: 'Going'})
  await client.action({actionType: 'sanity.action.document.unpublish', draftId: 'drafts.a-3', publishedId: 'a-3'})
  expect(await get('a-3')).toBeUndefined()
  expect((await get('drafts.a-3'))!.title).toBe('Going')

  await client.action({actionType: 'sanity.action.document.discard', draftId: 'drafts.a-3'})
  expect(await get('drafts.a-3')).toBeUndefined()

  await client.createOrReplace({_id: 'a-4', _type: 'post'})
  await client.createOrReplace({_id: 'drafts.a-4', _type: 'post'})
  await client.action({actionType: 'sanity.action.document.delete', publishedId: 'a-4', includeDrafts: ['drafts.a-4']})
  expect(await client.getDocuments(['a-4', 'drafts.a-4'])).toEqual([null, null])
})

test('replaceDraft replaces the whole draft', async () => {
  await client.createOrReplace({_id: 'drafts.a-5', _type: 'post', title: 'Old', extra: true})
  await client.action({actionType: 'sanity.action.document.replaceDraft', publishedId: 'a-5', attributes: {_id: 'drafts.a-5', _type: 'post', title: 'New'}})
  const draft = await get('drafts.a-5')
  expect(draft).toMatchObject({title: 'New'})
  expect(draft).not.toHaveProperty('extra')
})

test('actions in one request are one transaction: a failing one undoes the others', async () => {
  const error = await client
    .action([
      {actionType: 'sanity.action.document.create', publishedId: 'a-6', attributes: {_id: 'drafts.a-6', _type: 'post'}, ifExists: 'fail'},
      {actionType: 'sanity.action.document.publish', draftId: 'drafts.nope', publishedId: 'nope'},
    ])
    .catch((e: unknown) => e)
  expect(error).toMatchObject({statusCode: 404, details: {type: 'actionError', items: [{index: 1}]}})
  expect(await get('drafts.a-6')).toBeUndefined()
})

test('publishing against a stale draft revision is refused', async () => {
  await client.createOrReplace({_id: 'drafts.a-7', _type: 'post'})
  const error = await client
    .action({actionType: 'sanity.action.document.publish', draftId: 'drafts.a-7', publishedId: 'a-7', ifDraftRevisionId: 'stale'})
    .catch((e: unknown) => e)
  expect(error).toMatchObject({statusCode: 409})
})

test('without a token, actions are refused; unknown actions are a 400', async () => {
  const anonymous = await lake
    .client({token: null})
    .action({actionType: 'sanity.action.document.discard', draftId: 'drafts.x'})
    .catch((e: unknown) => e)
  expect(anonymous).toMatchObject({statusCode: 403})
  const unknown = await client.action({actionType: 'sanity.action.nonsense'} as never).catch((e: unknown) => e)
  expect(unknown).toMatchObject({statusCode: 400})
})

const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => 'succeeded',
    (e: {statusCode?: number; details?: {items?: {error: {type: string}}[]}}) => e,
  )

test('deleting a never-published document: Studio discards its draft with version.discard', async () => {
  // Studio's "Delete" on a document with no published version (a duplicate, an abandoned post).
  await client.createOrReplace({_id: 'drafts.v-1', _type: 'post', title: 'Abandoned'})
  await client.action([{actionType: 'sanity.action.document.version.discard', versionId: 'drafts.v-1'}])
  expect(await get('drafts.v-1')).toBeUndefined()
  expect(await failure(client.action({actionType: 'sanity.action.document.version.discard', versionId: 'drafts.v-1'}))).toMatchObject({
    statusCode: 404,
    details: {items: [{error: {type: 'documentNotFoundError'}}]},
  })
  expect(await failure(client.action({actionType: 'sanity.action.document.version.discard', versionId: 'v-1'}))).toMatchObject({statusCode: 400})
  // Purging history is not something this lake does, and it says so instead of pretending.
  await client.createOrReplace({_id: 'drafts.v-1', _type: 'post'})
  expect(await failure(client.action({actionType: 'sanity.action.document.version.discard', versionId: 'drafts.v-1', purge: true}))).toMatchObject({
    statusCode: 400,
  })
  expect(await get('drafts.v-1')).toBeDefined()
})

test('version.create from a document or from a base at a revision ("copy to drafts", restore)', async () => {
  await client.action({actionType: 'sanity.action.document.version.create', publishedId: 'v-2', document: {_id: 'drafts.v-2', _type: 'post', title: 'New'}})
  expect(await get('drafts.v-2')).toMatchObject({title: 'New'})
  expect(
    await failure(client.action({actionType: 'sanity.action.document.version.create', publishedId: 'v-2', document: {_id: 'drafts.v-2', _type: 'post'}})),
  ).toMatchObject({statusCode: 409})
  expect(
    await failure(client.action({actionType: 'sanity.action.document.version.create', publishedId: 'v-2', document: {_id: 'drafts.other', _type: 'post'}})),
  ).toMatchObject({statusCode: 400})

  const base = await client.createOrReplace({_id: 'v-3', _type: 'post', title: 'Base', body: 'b'})
  const stale = {actionType: 'sanity.action.document.version.create', publishedId: 'v-3', versionId: 'drafts.v-3', baseId: 'v-3', ifBaseRevisionId: 'old'}
  expect(await failure(client.action(stale as never))).toMatchObject({statusCode: 409})
  await client.action({...stale, ifBaseRevisionId: base._rev} as never)
  expect(await get('drafts.v-3')).toMatchObject({title: 'Base', body: 'b'})
  const missingBase = {actionType: 'sanity.action.document.version.create', publishedId: 'v-4', versionId: 'drafts.v-4', baseId: 'v-4'}
  expect(await failure(client.action(missingBase as never))).toMatchObject({statusCode: 404})
})

test('version.replace replaces an existing version only', async () => {
  await client.createOrReplace({_id: 'drafts.v-5', _type: 'post', title: 'Old', extra: 1})
  await client.action({actionType: 'sanity.action.document.version.replace', document: {_id: 'drafts.v-5', _type: 'post', title: 'New'}})
  const draft = await get('drafts.v-5')
  expect(draft).toMatchObject({title: 'New'})
  expect(draft).not.toHaveProperty('extra')
  expect(await failure(client.action({actionType: 'sanity.action.document.version.replace', document: {_id: 'drafts.v-6', _type: 'post'}}))).toMatchObject({
    statusCode: 404,
  })
})

test('release versions need their release; unpublishing a version and release actions are refused honestly', async () => {
  const inRelease = {actionType: 'sanity.action.document.version.create', publishedId: 'v-7', document: {_id: 'versions.spring.v-7', _type: 'post'}} as const
  expect(await failure(client.action(inRelease))).toMatchObject({statusCode: 404})
  // A release an import brought along makes its versions writable.
  await client.createOrReplace({_id: '_.releases.spring', _type: 'system.release', state: 'active', metadata: {title: 'Spring'}} as never)
  await client.action(inRelease)
  expect(await get('versions.spring.v-7')).toMatchObject({_type: 'post'})
  const markUnpublish = {actionType: 'sanity.action.document.version.unpublish', versionId: 'versions.spring.v-7', publishedId: 'v-7'} as const
  expect(await failure(client.action(markUnpublish))).toMatchObject({statusCode: 400})
  expect(await failure(client.action({...markUnpublish, versionId: 'drafts.v-7'} as never))).toMatchObject({statusCode: 400})
  for (const actionType of ['sanity.action.release.create', 'sanity.action.release.publish', 'sanity.action.document.variant.create']) {
    const error = await failure(client.action({actionType, releaseId: 'spring'} as never, {dryRun: true}))
    expect(error).toMatchObject({statusCode: 400})
    expect(String((error as Error).message)).toMatch(/no (content releases|document variants)/)
  }
})

test('create refuses a published document; delete refuses to leave out an existing draft; replaceDraft needs a document', async () => {
  await client.createOrReplace({_id: 'v-8', _type: 'post'})
  const create = {actionType: 'sanity.action.document.create', publishedId: 'v-8', attributes: {_id: 'drafts.v-8', _type: 'post'}, ifExists: 'fail'} as const
  expect(await failure(client.action(create))).toMatchObject({statusCode: 409})
  await client.createOrReplace({_id: 'drafts.v-8', _type: 'post'})
  expect(await failure(client.action({actionType: 'sanity.action.document.delete', publishedId: 'v-8', includeDrafts: []}))).toMatchObject({statusCode: 409})
  expect(await get('v-8')).toBeDefined()
  const replace = {actionType: 'sanity.action.document.replaceDraft', publishedId: 'v-9', attributes: {_id: 'drafts.v-9', _type: 'post'}} as const
  expect(await failure(client.action(replace))).toMatchObject({statusCode: 404})
})

test('restoring a deleted document: create then replaceDraft in one request, as Studio sends it', async () => {
  const restored = {_id: 'drafts.v-10', _type: 'post', title: 'Back'}
  await client.action([
    {actionType: 'sanity.action.document.create', publishedId: 'v-10', attributes: restored, ifExists: 'fail'},
    {actionType: 'sanity.action.document.replaceDraft', publishedId: 'v-10', attributes: restored},
  ])
  expect(await get('drafts.v-10')).toMatchObject({title: 'Back'})
})

test('publishing over a changed published document is refused', async () => {
  await client.createOrReplace({_id: 'v-11', _type: 'post'})
  await client.createOrReplace({_id: 'drafts.v-11', _type: 'post', title: 'Next'})
  const publish = {actionType: 'sanity.action.document.publish', draftId: 'drafts.v-11', publishedId: 'v-11', ifPublishedRevisionId: 'stale'} as const
  expect(await failure(client.action(publish))).toMatchObject({statusCode: 409, details: {items: [{error: {type: 'revisionMismatchError'}}]}})
})

test('a publish reaches listeners as one transaction: the draft disappears, the published document appears', async () => {
  await client.createOrReplace({_id: 'drafts.a-8', _type: 'listened', title: 'x'})
  const events: MutationEvent[] = await new Promise((resolve, reject) => {
    const seen: MutationEvent[] = []
    const subscription = client.listen('*[_type == "listened"]', {}, {events: ['welcome', 'mutation'], includeResult: true} as never).subscribe({
      next: (event: {type: string}) => {
        if (event.type === 'welcome') {
          void client.action({actionType: 'sanity.action.document.publish', draftId: 'drafts.a-8', publishedId: 'a-8'}).catch(reject)
          return
        }
        seen.push(event as MutationEvent)
        if (seen.length === 2) {
          subscription.unsubscribe()
          resolve(seen)
        }
      },
      error: reject,
    })
  })
  expect(events.map((e) => [e.documentId, e.transition, e.transactionTotalEvents])).toEqual([
    ['a-8', 'appear', 2],
    ['drafts.a-8', 'disappear', 2],
  ])
  expect(events[0]!.mutations).toEqual([{createOrReplace: expect.objectContaining({_id: 'a-8'})}])
  expect(events[1]!.mutations).toEqual([{delete: {id: 'drafts.a-8'}}])
})
