import fs from 'node:fs'
import net, {type AddressInfo} from 'node:net'
import path from 'node:path'
import {isValidSignature} from '@sanity/webhook'
import {afterEach, expect, test} from 'vitest'
import {startLakeProcess, temporaryDataDir, type LakeProcess} from '../../test/lake-process'
import {startWebhookReceiver, type WebhookReceiver} from '../../test/webhook-receiver'
import {Dataset} from '../store/dataset'
import {parseWebhooks} from './config'
import {idempotencyKey} from './delivery'

// Pending webhook deliveries live in the dataset's file: a restart, or a crash, loses none.

const SECRET = 'a-webhook-secret-for-tests'
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

let lake: LakeProcess | undefined
let receiver: WebhookReceiver | undefined

afterEach(async () => {
  await lake?.stop('SIGKILL')
  await receiver?.close()
  lake = undefined
  receiver = undefined
})

/** A port nothing listens on yet: the receiver is down until a test starts it there. */
async function freePort(): Promise<number> {
  const server = net.createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const {port} = server.address() as AddressInfo
  await new Promise((resolve) => server.close(resolve))
  return port
}

function setUp(port: number) {
  const dataDir = temporaryDataDir()
  const definition = {name: 'persisted', url: `http://127.0.0.1:${port}/hook`, filter: '_type == "note"', secret: SECRET, maxAttempts: 20}
  const webhooksFile = path.join(dataDir, '..', `${path.basename(dataDir)}-webhooks.json`)
  fs.writeFileSync(webhooksFile, JSON.stringify([definition]))
  const [webhook] = parseWebhooks([definition])
  return {
    dataDir,
    start: () => startLakeProcess(dataDir, {CONTENT_LAKE_WEBHOOKS_FILE: webhooksFile}, {createDataset: false}),
    keyOf: (transactionId: string, documentId: string) => idempotencyKey(webhook!, 'production', transactionId, documentId),
  }
}

test('a delivery to a receiver that is down survives a restart of the lake and arrives once the receiver is up, signed as before', async () => {
  const port = await freePort()
  const {start, keyOf} = setUp(port)
  lake = await start()
  const created = await lake.client().create({_id: 'note-1', _type: 'note', title: 'Kept'})
  // The first attempt is refused (nothing listens) and the next is scheduled about a second later.
  await sleep(500)
  const stopping = performance.now()
  await lake.stop('SIGTERM')
  // Waiting for a retry does not hold the shutdown up.
  expect(performance.now() - stopping).toBeLessThan(5_000)

  receiver = await startWebhookReceiver(() => 200, port)
  lake = await start()
  const [delivery] = await receiver.waitFor('/hook', 1, 10_000)
  expect(delivery!.headers).toMatchObject({
    'idempotency-key': keyOf(created._rev, 'note-1'),
    'sanity-transaction-id': created._rev,
    'sanity-document-id': 'note-1',
    'sanity-operation': 'create',
    'sanity-webhook-id': 'persisted',
  })
  expect(JSON.parse(delivery!.body)).toEqual(created)
  expect(await isValidSignature(delivery!.body, delivery!.headers['sanity-webhook-signature'] as string, SECRET)).toBe(true)

  // Accepted means settled: neither a wait nor another restart sends it again.
  await sleep(1_500)
  await lake.stop('SIGTERM')
  lake = await start()
  await sleep(1_500)
  expect(receiver.requests).toHaveLength(1)
})

test('a delivery in flight when the lake is killed is sent again after the restart, with the same idempotency key', async () => {
  const port = await freePort()
  const {start} = setUp(port)
  // The first request is never answered; later ones are accepted.
  receiver = await startWebhookReceiver((_request, earlier) => (earlier.length === 0 ? 'hang' : 200), port)
  lake = await start()
  await lake.client().create({_id: 'note-2', _type: 'note'})
  await receiver.waitFor('/hook', 1)
  await lake.stop('SIGKILL')

  lake = await start()
  const [first, second] = await receiver.waitFor('/hook', 2, 10_000)
  expect(second!.headers['idempotency-key']).toBe(first!.headers['idempotency-key'])
  expect(second!.body).toBe(first!.body)
})

test('a transaction committed just before a crash, before its webhooks were evaluated, is delivered after the restart', async () => {
  const port = await freePort()
  const {dataDir, start, keyOf} = setUp(port)
  receiver = await startWebhookReceiver(() => 200, port)
  // What a commit leaves when the process dies right after it: the mark that webhooks are owed, no deliveries yet.
  const dataset = new Dataset('production', path.join(dataDir, 'production.sqlite'), 'normal')
  dataset.owesWebhooks = true
  const after = {_id: 'note-3', _type: 'note', _rev: 'tx-before-the-crash', title: 'Committed'}
  dataset.commit({
    id: 'tx-before-the-crash',
    timestamp: '2026-01-02T03:04:05Z',
    identity: 'p-local-editor',
    mutations: [],
    changes: [{id: 'note-3', before: null, after}],
  })
  dataset.close()

  lake = await start()
  const [delivery] = await receiver.waitFor('/hook', 1, 10_000)
  expect(delivery!.headers).toMatchObject({
    'idempotency-key': keyOf('tx-before-the-crash', 'note-3'),
    'sanity-transaction-time': '2026-01-02T03:04:05Z',
    'sanity-operation': 'create',
  })
  expect(JSON.parse(delivery!.body)).toEqual(after)
  await sleep(1_000)
  expect(receiver.requests).toHaveLength(1)
})
