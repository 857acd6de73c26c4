import type {SanityClient} from '@sanity/client'
import {afterAll, beforeAll, expect, test} from 'vitest'
import {type LakeProcess, startLakeProcess} from '../../../test/lake-process'

// The checks Studio makes besides reading and writing documents (the delete dialog's referring
// documents, the help menu, the schema upload), through the real @sanity/client against a real
// lake process, in the shapes Studio reads.

let lake: LakeProcess
let client: SanityClient
let anonymous: SanityClient

beforeAll(async () => {
  lake = await startLakeProcess()
  client = lake.client()
  anonymous = lake.client({token: null})
  await client.create({_id: 'post-referred', _type: 'post', title: 'Referred to'})
  await client.create({_id: 'drafts.post-draft-only', _type: 'post', title: 'Never published'})
})

afterAll(async () => {
  await lake?.stop()
})

const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => new Error('expected a failure'),
    (error: unknown) => error,
  )

// Exactly the request Studio's delete and unpublish dialogs poll.
const referencesTo = (as: SanityClient, id: string, dataset = 'production') =>
  as.request({url: `/data/references/${dataset}/documents/${id}/to?excludeInternalReferences=true&excludePaths=true`, tag: 'use-referring-documents.external'})

test('/data/references/…/to: no cross-dataset references, for a published document and a draft', async () => {
  expect(await referencesTo(client, 'post-referred')).toEqual({totalCount: 0, references: []})
  expect(await referencesTo(client, 'drafts.post-draft-only')).toEqual({totalCount: 0, references: []})
})

test('/data/references/…/to: 404 for a document that does not exist or a dataset that does not, 401 without a token', async () => {
  expect(await failure(referencesTo(client, 'post-nowhere'))).toMatchObject({statusCode: 404})
  expect(await failure(referencesTo(client, 'post-referred', 'nowhere'))).toMatchObject({statusCode: 404})
  expect(await failure(referencesTo(anonymous, 'post-referred'))).toMatchObject({statusCode: 401})
})

test('/v1/help (the version check) answers with no help resources, so Studio shows its own links', async () => {
  const help = client.withConfig({apiVersion: '1'})
  expect(await help.request({url: '/help', query: {m: 'sanity@6.16.0', locale: 'en-US'}, tag: 'module.version-check'})).toEqual({})
  expect(await anonymous.withConfig({apiVersion: '1'}).request({url: '/help'})).toEqual({})
})

test('/descriptors/claim accepts a schema claim as fully synchronized, keeping nothing', async () => {
  const claim = await client.request({url: '/descriptors/claim', method: 'POST', body: {descriptorId: 'abc123', contextKey: 'dataset:local:production'}})
  expect(claim.synchronization).toEqual({type: 'complete'})
  expect(Date.parse(claim.expiresAt)).toBeGreaterThan(Date.now())
})

test('/descriptors/claim refuses a malformed or oversized claim, and callers without a token', async () => {
  const claim = (body: unknown, as = client) => failure(as.request({url: '/descriptors/claim', method: 'POST', body}))
  expect(await claim({descriptorId: 'abc'})).toMatchObject({statusCode: 400})
  expect(await claim({descriptorId: 7, contextKey: 'x'})).toMatchObject({statusCode: 400})
  expect(await claim({descriptorId: 'a'.repeat(600), contextKey: 'x'})).toMatchObject({statusCode: 400})
  expect(await claim({descriptorId: 'a'.repeat(8000), contextKey: 'x'})).toMatchObject({statusCode: 413})
  expect(await claim({descriptorId: 'abc', contextKey: 'x'}, anonymous)).toMatchObject({statusCode: 401})
})

test('/v1/modules/… (the module CDN’s version check) names the version asked about as the newest: no update offered', async () => {
  // The address Studio 6.16's bundle builds, relative to the lake once the lake has rewritten it.
  for (const caret of ['^', '%5E']) {
    const response = await fetch(`${lake.url}/v1/modules/sanity/latest/${caret}6.16.0/t${Math.floor(Date.now() / 1000)}`, {
      headers: {accept: 'application/json'},
    })
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({latest: '6.16.0', packageVersion: '6.16.0'})
  }
  for (const bad of ['/v1/modules/sanity/latest/^6.16/t1', '/v1/modules/sanity/latest/6.16.0/t1', '/v1/modules/sanity/latest/^6.16.0/x']) {
    expect((await fetch(`${lake.url}${bad}`)).status, bad).toBe(404)
  }
})

test('/vX/intake/feedback: Studio’s empty check is accepted (a 200, as Sentry’s tunnel answers it); feedback itself is not delivered (502)', async () => {
  const feedback = (body: string) => fetch(`${lake.url}/vX/intake/feedback`, {method: 'POST', body})
  // Exactly the envelope Studio's help menu sends to learn whether feedback can be sent: a header, no items.
  const dsn = 'https://key@o1.ingest.sentry.io/2'
  const check = await feedback(`${JSON.stringify({dsn, sent_at: new Date().toISOString()})}\n`)
  expect(check.status).toBe(200)
  expect(await check.json()).toEqual({})
  const sent = await feedback([JSON.stringify({dsn}), JSON.stringify({type: 'feedback'}), JSON.stringify({contexts: {feedback: {message: 'Hi'}}})].join('\n'))
  expect(sent.status).toBe(502)
  expect(await sent.json()).toMatchObject({error: 'Bad Gateway', statusCode: 502, message: expect.stringMatching(/not delivered/)})
})

test('/vX/intake/feedback refuses what is no envelope, and anything larger than a message', async () => {
  const feedback = (body: string) => fetch(`${lake.url}/vX/intake/feedback`, {method: 'POST', body})
  for (const body of ['', 'not json\n', '[]\n', '{"sent_at":"now"}\n']) {
    expect((await feedback(body)).status, body).toBe(400)
  }
  expect((await feedback(`${JSON.stringify({dsn: 'x'})}\n${'a'.repeat(100 * 1024)}`)).status).toBe(413)
})
