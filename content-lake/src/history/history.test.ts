import {applyPatch, incremental} from 'mendoza'
import {afterAll, beforeAll, expect, test} from 'vitest'
import {startLakeProcess, TEST_TOKEN, type LakeProcess} from '../../test/lake-process'

// The history endpoints Studio's history panel reads, against a real lake process.

let lake: LakeProcess
const revs: Record<string, string> = {}
const times: Record<string, string> = {}

async function get(path: string, token: string | null = TEST_TOKEN) {
  const response = await fetch(`${lake.url}/v2025-02-19/data/history/production/${path}`, {
    headers: token ? {authorization: `Bearer ${token}`} : {},
  })
  return {status: response.status, text: await response.text(), type: response.headers.get('content-type')}
}

beforeAll(async () => {
  lake = await startLakeProcess()
  const client = lake.client()
  const act = async (name: string, action: Record<string, unknown>) => {
    const {transactionId} = await client.action(action as never, {transactionId: name})
    revs[name] = transactionId
    times[name] = new Date().toISOString()
    // Transaction times have second precision: keep the steps apart.
    await new Promise((resolve) => setTimeout(resolve, 1100))
  }
  await act('create', {
    actionType: 'sanity.action.document.create',
    publishedId: 'h',
    attributes: {_id: 'drafts.h', _type: 'post', title: 'One'},
    ifExists: 'fail',
  })
  await act('edit', {actionType: 'sanity.action.document.edit', draftId: 'drafts.h', publishedId: 'h', patch: {set: {title: 'Two'}}})
  await act('publish', {actionType: 'sanity.action.document.publish', draftId: 'drafts.h', publishedId: 'h'})
  await act('unpublish', {actionType: 'sanity.action.document.unpublish', draftId: 'drafts.h', publishedId: 'h'})
}, 30_000)

afterAll(async () => {
  await lake?.stop()
})

test('transactions of a document and its draft, with mendoza effects that replay them', async () => {
  const {status, text, type} = await get('transactions/drafts.h,h?effectFormat=mendoza&excludeContent=false')
  expect(status).toBe(200)
  expect(type).toContain('application/x-ndjson')
  const lines = text
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line))
  expect(lines.map((t) => t.id)).toEqual(['create', 'edit', 'publish', 'unpublish'])
  expect(lines[2]).toMatchObject({author: 'p-local-administrator', documentIDs: expect.arrayContaining(['h', 'drafts.h'])})
  // Replaying the draft's effects rebuilds it at every step.
  let draft: unknown = null
  for (const transaction of lines.slice(0, 2)) draft = applyPatch(draft, transaction.effects['drafts.h'].apply)
  // Effects leave `_rev` out, as Sanity's do: Studio sets it from the transaction.
  expect(draft).toEqual(expect.objectContaining({_id: 'drafts.h', title: 'Two'}))
  expect(draft).not.toHaveProperty('_rev')
})

test('effects come with excludeContent=true too, as Studio asks for them', async () => {
  // The history panel's request (sanity 5.31.2, getDocumentTransactions); it reads
  // `transaction.effects[id]` of every line and fails on a line without `effects`.
  const studio = 'excludeContent=true&limit=50&includeIdentifiedDocumentsOnly=true&effectFormat=mendoza&fromTransaction=create'
  const lines = (await get(`transactions/drafts.h?${studio}`)).text
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line))
  expect(lines.map((t) => t.id)).toEqual(['create', 'edit', 'publish', 'unpublish'])
  for (const line of lines) expect(line.effects['drafts.h']).toMatchObject({apply: expect.any(Array), revert: expect.any(Array)})
  // Studio's timeline asks the same with excludeMutations=true.
  const timeline = (
    await get('transactions/h,drafts.h?effectFormat=mendoza&excludeContent=true&excludeMutations=true&includeIdentifiedDocumentsOnly=true&reverse=true&limit=2')
  ).text
  expect(
    timeline
      .trim()
      .split('\n')
      .map((line) => Object.keys(JSON.parse(line).effects).sort()),
  ).toEqual([
    ['drafts.h', 'h'],
    ['drafts.h', 'h'],
  ])
})

test('limit, reverse and a range of transactions', async () => {
  const newest = (await get('transactions/h,drafts.h?reverse=true&limit=2')).text
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l).id)
  expect(newest).toEqual(['unpublish', 'publish'])
  const range = (await get('transactions/h,drafts.h?fromTransaction=edit&toTransaction=publish')).text
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l).id)
  expect(range).toEqual(['edit', 'publish'])
  expect((await get('transactions/h?fromTransaction=nope')).status).toBe(404)
})

test('a document at a revision and at a time', async () => {
  const atEdit = JSON.parse((await get(`documents/drafts.h?revision=${revs.edit}`)).text)
  expect(atEdit.documents).toEqual([expect.objectContaining({_id: 'drafts.h', title: 'Two'})])
  const atFirst = JSON.parse((await get(`documents/drafts.h?time=${encodeURIComponent(times.create!)}`)).text)
  expect(atFirst.documents).toEqual([expect.objectContaining({title: 'One'})])
  expect((await get('documents/drafts.h')).status).toBe(400)
})

test('document events: created, published, unpublished, newest first, paged', async () => {
  const page = JSON.parse((await get('events/documents/h?limit=2')).text)
  expect(page.events.h.map((e: {type: string}) => e.type)).toEqual(['unpublishDocument', 'publishDocumentVersion'])
  expect(page.events.h[1]).toMatchObject({
    documentId: 'h',
    revisionId: 'publish',
    versionId: 'drafts.h',
    versionRevisionId: 'edit',
    author: 'p-local-administrator',
  })
  expect(page.nextCursor).not.toBe('')
  const rest = JSON.parse((await get(`events/documents/h?limit=2&nextCursor=${page.nextCursor}`)).text)
  expect(rest.events.h.map((e: {type: string}) => e.type)).toEqual(['createDocumentVersion'])
  expect(rest.nextCursor).toBe('')
})

test('history needs a token', async () => {
  expect((await get('transactions/h', null)).status).toBe(403)
  expect((await get('events/documents/h', null)).status).toBe(403)
})

test('a document the API wrote, then edited and published in Studio: live events, and a draft history that resolves', async () => {
  const client = lake.client()
  const act = (transactionId: string, action: Record<string, unknown>) => client.action(action as never, {transactionId})
  // As the seed and imports write: straight to the published id, no draft.
  const seeded = await client.createOrReplace({_id: 'api', _type: 'post', title: 'Seeded'})
  const reseeded = await client.patch('api').set({title: 'Seeded again'}).commit()
  // Studio's first keystroke: an edit that only starts the draft, then the change itself.
  const studioEdit = {actionType: 'sanity.action.document.edit', draftId: 'drafts.api', publishedId: 'api'}
  await act('start', {...studioEdit, patch: {unset: ['_empty_action_guard_pseudo_field_']}})
  await act('change', {...studioEdit, patch: {set: {title: 'Edited'}}})

  const draftEvents = JSON.parse((await get('events/documents/drafts.api')).text).events['drafts.api']
  // No publish of a draft that never existed: the draft's history starts where Studio made it.
  expect(draftEvents.map((e: {type: string}) => e.type)).toEqual(['createDocumentVersion'])
  // "Review changes" compares the draft with its revision at that event (Studio's id for it).
  const since = JSON.parse((await get(`documents/drafts.api?revision=${draftEvents[0].versionRevisionId}`)).text)
  expect(since.documents).toEqual([expect.objectContaining({_id: 'drafts.api', title: 'Seeded again'})])

  const published = JSON.parse((await get('events/documents/api')).text).events.api
  expect(published.map((e: {type: string}) => e.type)).toEqual(['createDocumentVersion', 'updateLiveDocument', 'createLiveDocument'])
  expect(published[2]).toMatchObject({documentId: 'api', revisionId: seeded._rev})
  expect(JSON.parse((await get(`documents/api?revision=${reseeded._rev}`)).text).documents).toEqual([expect.objectContaining({title: 'Seeded again'})])

  await act('go-live', {actionType: 'sanity.action.document.publish', draftId: 'drafts.api', publishedId: 'api'})
  const [publish] = JSON.parse((await get('events/documents/drafts.api')).text).events['drafts.api']
  expect(publish).toMatchObject({type: 'publishDocumentVersion', revisionId: 'go-live', versionRevisionId: 'change'})
  const atPublish = JSON.parse((await get(`documents/drafts.api?revision=${publish.versionRevisionId}`)).text)
  expect(atPublish.documents).toEqual([expect.objectContaining({title: 'Edited'})])
})

/** NDJSON lines of a transactions answer. */
function lines(text: string): {id: string; author: string; effects: Record<string, {apply: unknown}>}[] {
  return text
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line))
}

test('published in Studio, then written live through the API, then a new draft: "Review changes" compares the draft with what Studio published', async () => {
  // Studio 6.16's events store (sanity/src/core/store/events) resolves the draft's changes panel so:
  // the draft's event list (events/documents/drafts.<id>) holds the draft's own events only;
  // `resolveSinceId` takes the newest publish in it, whose id for a draft is its
  // `versionRevisionId`; `getDocumentAtRevision` fetches the draft at that revision; and
  // `getDocumentTransactions` replays the draft's transactions since then onto it.
  const client = lake.client()
  const act = (transactionId: string, action: Record<string, unknown>) => client.action(action as never, {transactionId})
  const edit = {actionType: 'sanity.action.document.edit', draftId: 'drafts.live', publishedId: 'live'}
  await act('live-draft', {
    actionType: 'sanity.action.document.create',
    publishedId: 'live',
    attributes: {_id: 'drafts.live', _type: 'post', title: 'As written'},
    ifExists: 'fail',
  })
  await act('live-publish', {actionType: 'sanity.action.document.publish', draftId: 'drafts.live', publishedId: 'live'})
  // A live write: a patch straight to the published document, as a script or an integration sends.
  await client.patch('live').set({excerpt: 'Set through the API'}).commit({transactionId: 'live-api'})
  // The editor's next keystroke starts a new draft from the published document, then changes it.
  await act('live-start', {...edit, patch: {unset: ['_empty_action_guard_pseudo_field_']}})
  await act('live-change', {...edit, patch: {set: {title: 'Edited in Studio'}}})

  const draftEvents = JSON.parse((await get('events/documents/drafts.live')).text).events['drafts.live']
  expect(draftEvents.map((e: {type: string}) => e.type)).toEqual(['createDocumentVersion', 'publishDocumentVersion', 'createDocumentVersion'])
  const publish = draftEvents[1]
  expect(publish).toMatchObject({revisionId: 'live-publish', versionId: 'drafts.live', versionRevisionId: 'live-draft'})
  // The live write is the published document's event, between the publish and the new draft.
  const publishedEvents = JSON.parse((await get('events/documents/live')).text).events.live
  expect(publishedEvents.map((e: {type: string}) => e.type)).toEqual([
    'createDocumentVersion',
    'updateLiveDocument',
    'publishDocumentVersion',
    'createDocumentVersion',
  ])
  expect(publishedEvents[1]).toMatchObject({documentId: 'live', revisionId: 'live-api'})

  // "From": the draft as Studio published it, before the API's write.
  const since = JSON.parse((await get(`documents/drafts.live?revision=${publish.versionRevisionId}`)).text).documents
  expect(since).toEqual([expect.objectContaining({_id: 'drafts.live', _rev: 'live-draft', title: 'As written'})])
  expect(since[0]).not.toHaveProperty('excerpt')

  // The draft's transactions since then, asked as Studio asks. The API's transaction wrote only
  // the published document, so it is not among them: its change reaches the draft in the
  // transaction that started the new draft, the editor's.
  const studio = 'excludeContent=true&limit=50&includeIdentifiedDocumentsOnly=true&effectFormat=mendoza'
  const sinceThen = lines((await get(`transactions/drafts.live?${studio}&fromTransaction=${publish.versionRevisionId}`)).text)
  expect(sinceThen.map((t) => t.id)).toEqual(['live-draft', 'live-publish', 'live-start', 'live-change'])
  // Studio leaves out the `fromTransaction` itself and replays the rest onto the "From" document.
  // Studio's calculateDiff takes the "From" document without its `_rev`, as effects are made.
  const {_rev, ...from} = since[0]
  let draft: unknown = from
  const introducedBy: Record<string, string> = {}
  for (const transaction of sinceThen.slice(1)) {
    const before = draft as Record<string, unknown> | null
    draft = applyPatch(draft, transaction.effects['drafts.live']!.apply as never)
    const after = draft as Record<string, unknown> | null
    for (const field of ['title', 'excerpt']) if (after?.[field] !== undefined && after[field] !== before?.[field]) introducedBy[field] = transaction.id
  }
  // The changes panel shows both changes: the editor's title, and the API's excerpt as part of the new draft.
  expect(draft).toMatchObject({title: 'Edited in Studio', excerpt: 'Set through the API'})
  expect(introducedBy).toEqual({excerpt: 'live-start', title: 'live-change'})

  // Picking "Draft created" as "From" instead compares with the draft as it began, which holds the API's write.
  const begun = JSON.parse((await get(`documents/drafts.live?revision=${draftEvents[0].versionRevisionId}`)).text).documents
  expect(begun).toEqual([expect.objectContaining({_rev: 'live-start', title: 'As written', excerpt: 'Set through the API'})])
})

test("effects copy what a transaction left alone, so Studio's replay credits each field to the transaction that wrote it", async () => {
  const client = lake.client()
  const edit = (transactionId: string, set: Record<string, unknown>) =>
    client.action({actionType: 'sanity.action.document.edit', draftId: 'drafts.credit', publishedId: 'credit', patch: {set}} as never, {transactionId})
  const body = [{_key: 'b1', _type: 'block', children: [{_key: 's1', _type: 'span', text: 'First words.'}]}]
  await client.action(
    {
      actionType: 'sanity.action.document.create',
      publishedId: 'credit',
      attributes: {_id: 'drafts.credit', _type: 'post', title: 'First', body},
      ifExists: 'fail',
    } as never,
    {transactionId: 'credit-create'},
  )
  await edit('credit-excerpt', {excerpt: 'Added second'})
  await edit('credit-title', {title: 'First, retitled'})

  const studio = 'excludeContent=true&limit=50&includeIdentifiedDocumentsOnly=true&effectFormat=mendoza'
  const transactions = lines((await get(`transactions/drafts.credit?${studio}`)).text)
  expect(transactions.map((t) => t.id)).toEqual(['credit-create', 'credit-excerpt', 'credit-title'])
  // Studio's calculateDiff: the incremental patcher, one origin per transaction.
  let draft = incremental.wrap<string>(null, 'none')
  for (const transaction of transactions) draft = incremental.applyPatch(draft, transaction.effects['drafts.credit']!.apply as never, transaction.id)
  const fields = (draft.content as incremental.ObjectContent<string>).fields
  expect(incremental.unwrap(draft)).toMatchObject({title: 'First, retitled', excerpt: 'Added second', body})
  expect(fields.body?.startMeta).toBe('credit-create')
  expect(fields.excerpt?.startMeta).toBe('credit-excerpt')
  const title = (fields.title!.content as incremental.StringContent<string>).parts.map((part) => [part.value, part.startMeta])
  expect(title).toEqual([
    ['First', 'credit-create'],
    [', retitled', 'credit-title'],
  ])
})
