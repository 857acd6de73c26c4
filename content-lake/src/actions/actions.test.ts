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
  const unknown = await client.action({actionType: 'sanity.action.release.create', releaseId: 'r'} as never, {dryRun: true}).catch((e: unknown) => e)
  expect(unknown).toMatchObject({statusCode: 400})
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
