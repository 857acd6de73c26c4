import {fork} from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import {isValidSignature} from '@sanity/webhook'
import type {SanityClient} from '@sanity/client'
import {afterAll, beforeAll, describe, expect, test} from 'vitest'
import {startLakeProcess, temporaryDataDir, TEST_TOKEN, type LakeProcess} from '../../test/lake-process'
import {startWebhookReceiver, type WebhookReceiver} from '../../test/webhook-receiver'

const SECRET = 'a-webhook-secret-for-tests'

let receiver: WebhookReceiver
let lake: LakeProcess
let client: SanityClient

function writeWebhooksFile(webhooks: unknown): string {
  const file = path.join(temporaryDataDir(), 'webhooks.json')
  fs.writeFileSync(file, JSON.stringify(webhooks))
  return file
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

beforeAll(async () => {
  receiver = await startWebhookReceiver((request, earlier) => {
    switch (request.path) {
      // Fails the first attempt of each delivery, then accepts it.
      case '/flaky':
        return earlier.some((e) => e.path === '/flaky' && e.headers['idempotency-key'] === request.headers['idempotency-key']) ? 200 : 500
      case '/refused':
        return 400
      case '/hanging':
        return 'hang'
      default:
        return 200
    }
  })
  const hook = (name: string, type: string, extra: Record<string, unknown> = {}) => ({
    name,
    url: `${receiver.url}/${name}`,
    filter: `_type == "${type}"`,
    ...extra,
  })
  const file = writeWebhooksFile([
    hook('lifecycle', 'lifecycleTest', {httpMethod: 'PUT', headers: {Authorization: 'Bearer receiver-token'}}),
    hook('deletions', 'lifecycleTest', {on: ['delete'], projection: '{_id, "title": before().title, "after": after()}'}),
    hook('moderation', 'comment', {
      filter: '_type == "comment" && delta::changedAny(status)',
      projection: '{_id, status, "previousStatus": before().status, "operation": delta::operation()}',
      on: ['update'],
    }),
    hook('published', 'draftTest'),
    hook('with-drafts', 'draftTest', {includeDrafts: true}),
    hook('signed', 'signedTest', {secret: SECRET}),
    hook('flaky', 'flakyTest'),
    hook('refused', 'refusedTest'),
    hook('hanging', 'slowTest'),
  ])
  lake = await startLakeProcess(undefined, {CONTENT_LAKE_WEBHOOKS_FILE: file})
  client = lake.client()
})

afterAll(async () => {
  await lake?.stop()
  await receiver?.close()
})

test("create, update and delete each send one request, in commit order, with Sanity's headers", async () => {
  const created = await client.create({_id: 'lifecycle-1', _type: 'lifecycleTest', title: 'One'}, {returnDocuments: false})
  const updated = await client.patch('lifecycle-1').set({title: 'Two'}).commit({returnDocuments: false})
  const deleted = await client.delete('lifecycle-1', {returnDocuments: false})

  const requests = await receiver.waitFor('/lifecycle', 3)
  expect(requests.map((r) => r.headers['sanity-operation'])).toEqual(['create', 'update', 'delete'])
  expect(requests.map((r) => r.headers['sanity-transaction-id'])).toEqual([created.transactionId, updated.transactionId, deleted.transactionId])
  expect(requests.map((r) => r.method)).toEqual(['PUT', 'PUT', 'PUT'])
  for (const request of requests) {
    expect(request.headers).toMatchObject({
      'content-type': 'application/json',
      'sanity-dataset': 'production',
      'sanity-project-id': 'local',
      'sanity-document-id': 'lifecycle-1',
      'sanity-webhook-id': 'lifecycle',
      authorization: 'Bearer receiver-token',
    })
    expect(request.headers['sanity-transaction-time']).toMatch(/^\d{4}-\d\d-\d\dT/)
    expect(request.headers['sanity-webhook-signature']).toBeUndefined()
  }
  expect(new Set(requests.map((r) => r.headers['idempotency-key'])).size).toBe(3)
  // Without a projection the body is the whole document: after the change, or before a delete.
  const bodies = requests.map((r) => JSON.parse(r.body) as {_id: string; title: string; _rev: string})
  expect(bodies.map((b) => [b._id, b.title])).toEqual([
    ['lifecycle-1', 'One'],
    ['lifecycle-1', 'Two'],
    ['lifecycle-1', 'Two'],
  ])
  expect(bodies[1]!._rev).toBe(updated.transactionId)

  // A webhook on "delete" alone: the create and update before it would have arrived first.
  const deletions = await receiver.waitFor('/deletions', 1)
  expect(deletions).toHaveLength(1)
  expect(deletions[0]!.headers['sanity-operation']).toBe('delete')
  expect(JSON.parse(deletions[0]!.body)).toEqual({_id: 'lifecycle-1', title: 'Two', after: null})
  expect(deletions[0]!.headers['idempotency-key']).not.toBe(requests[2]!.headers['idempotency-key'])
})

test('a delta::changedAny(status) filter fires only when the status changes, and the projection sees before() and after()', async () => {
  await client.create({_id: 'comment-1', _type: 'comment', status: 'pending', text: 'Hello'})
  await client.patch('comment-1').set({text: 'Hello, edited'}).commit()
  await client.patch('comment-1').set({status: 'spam'}).commit()
  await client.patch('comment-1').set({text: 'Edited again'}).commit()
  await client.patch('comment-1').set({status: 'approved'}).commit()

  const requests = await receiver.waitFor('/moderation', 2)
  await sleep(300)
  // Deliveries keep commit order, so a text edit that fired would show up among these.
  expect(receiver.requests.filter((r) => r.path === '/moderation').map((r) => JSON.parse(r.body))).toEqual([
    {_id: 'comment-1', status: 'spam', previousStatus: 'pending', operation: 'update'},
    {_id: 'comment-1', status: 'approved', previousStatus: 'spam', operation: 'update'},
  ])
  expect(requests[0]!.headers['sanity-operation']).toBe('update')
})

test('drafts are skipped unless includeDrafts is set', async () => {
  await client.create({_id: 'drafts.draft-1', _type: 'draftTest', title: 'Draft'})
  await client.create({_id: 'draft-1', _type: 'draftTest', title: 'Published'})

  const withDrafts = await receiver.waitFor('/with-drafts', 2)
  expect(withDrafts.map((r) => r.headers['sanity-document-id'])).toEqual(['drafts.draft-1', 'draft-1'])
  const published = await receiver.waitFor('/published', 1)
  expect(published.map((r) => r.headers['sanity-document-id'])).toEqual(['draft-1'])
})

test('a secret signs the body as @sanity/webhook verifies it', async () => {
  await client.create({_id: 'signed-1', _type: 'signedTest', title: 'Signed'})

  const [request] = await receiver.waitFor('/signed', 1)
  const signature = request!.headers['sanity-webhook-signature']
  expect(signature).toMatch(/^t=\d+,v1=[\w-]+$/)
  expect(Math.abs(Number(/^t=(\d+)/.exec(signature as string)![1]) - Date.now())).toBeLessThan(60_000)
  expect(await isValidSignature(request!.body, signature as string, SECRET)).toBe(true)
  expect(await isValidSignature(request!.body, signature as string, 'the-wrong-secret')).toBe(false)
  expect(await isValidSignature(request!.body.replace('Signed', 'Forged'), signature as string, SECRET)).toBe(false)
})

test('a 500 is retried after about a second with the same idempotency key, and a success ends the retries', async () => {
  await client.create({_id: 'flaky-1', _type: 'flakyTest'})

  const [first, second] = await receiver.waitFor('/flaky', 2, 5_000)
  expect(second!.at - first!.at).toBeGreaterThan(500)
  expect(second!.headers['idempotency-key']).toBe(first!.headers['idempotency-key'])
  expect(second!.body).toBe(first!.body)
  await sleep(1_500)
  expect(receiver.requests.filter((r) => r.path === '/flaky')).toHaveLength(2)
})

test('a 400 is not retried', async () => {
  await client.create({_id: 'refused-1', _type: 'refusedTest'})

  await receiver.waitFor('/refused', 1)
  // Longer than the first retry would wait (1 s ± 25%).
  await sleep(2_000)
  expect(receiver.requests.filter((r) => r.path === '/refused')).toHaveLength(1)
})

test('a receiver that never answers does not slow writes down', async () => {
  await client.create({_id: 'slow-0', _type: 'slowTest'})
  await receiver.waitFor('/hanging', 1)

  // The receiver now holds a request open; every later write queues another delivery behind it.
  const latencies: number[] = []
  for (let i = 1; i <= 15; i++) {
    const start = performance.now()
    await client.create({_id: `slow-${i}`, _type: 'slowTest'})
    latencies.push(performance.now() - start)
  }
  expect(Math.max(...latencies)).toBeLessThan(1_000)
  expect(receiver.requests.filter((r) => r.path === '/hanging')).toHaveLength(1)
})

describe('an invalid webhooks file stops the lake at start, naming the webhook and the field', () => {
  const CLI = path.resolve(import.meta.dirname, '..', 'cli.ts')

  function startWith(webhooks: unknown): Promise<{code: number | null; stderr: string}> {
    const child = fork(CLI, {
      execArgv: ['--import', 'tsx'],
      env: {
        ...process.env,
        CONTENT_LAKE_PORT: '0',
        CONTENT_LAKE_DATA_DIR: temporaryDataDir(),
        CONTENT_LAKE_TOKEN: TEST_TOKEN,
        CONTENT_LAKE_WEBHOOKS_FILE: writeWebhooksFile(webhooks),
      },
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    })
    let stderr = ''
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    child.on('message', () => child.kill())
    return new Promise((resolve) => child.on('exit', (code) => resolve({code, stderr})))
  }

  const url = 'http://127.0.0.1:9/hook'
  test.each([
    {field: 'filter', webhook: {name: 'bad-filter', url, filter: '_type == '}, message: 'filter is not valid GROQ'},
    {field: 'projection', webhook: {name: 'bad-projection', url, projection: '{_id, status'}, message: 'projection is not valid GROQ'},
    {field: 'httpMethod', webhook: {name: 'bad-method', url, httpMethod: 'SEND'}, message: 'httpMethod must be one of'},
    {field: 'url', webhook: {name: 'no-url'}, message: 'url must be an absolute http(s) URL'},
  ])('$field', async ({webhook, message}) => {
    const {code, stderr} = await startWith([webhook])
    expect(code).toBe(1)
    expect(stderr).toContain('CONTENT_LAKE_WEBHOOKS_FILE')
    expect(stderr).toContain(`webhook "${webhook.name}": ${message}`)
  })
})
