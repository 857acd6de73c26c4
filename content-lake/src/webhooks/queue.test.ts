import http from 'node:http'
import type {AddressInfo} from 'node:net'
import path from 'node:path'
import {afterAll, beforeAll, expect, test, vi} from 'vitest'
import {temporaryDataDir} from '../../test/lake-process'
import {startWebhookReceiver, type WebhookReceiver} from '../../test/webhook-receiver'
import {DatasetFile} from '../store/sqlite'
import {parseWebhooks} from './config'
import {DeliveryQueue, type QueuedDelivery} from './queue'

let receiver: WebhookReceiver
const file = new DatasetFile(path.join(temporaryDataDir(), 'production.sqlite'), 'normal')
const store = file.webhookDeliveries

beforeAll(async () => {
  // The first delivery gets no answer at all; the rest are accepted.
  receiver = await startWebhookReceiver((_request, earlier) => (earlier.length === 0 ? 'hang' : 200))
})

afterAll(async () => {
  await receiver?.close()
  file.close()
})

/** A delivery stored as the dispatcher stores it. */
function delivery(documentId: string): QueuedDelivery {
  const fields = {
    webhook: 'bounded',
    documentId,
    transactionId: `tx-${documentId}`,
    transactionTime: '2026-01-01T00:00:00Z',
    operation: 'create' as const,
    body: JSON.stringify({_id: documentId}),
    idempotencyKey: `key-${documentId}`,
  }
  const [rowId] = store.queue(0, [fields])
  return {...fields, dataset: 'production', store, rowId: rowId!, attempts: 0, nextAttemptAt: 0}
}

test('one request at a time in order; beyond the bound the oldest waiting delivery is dropped (from the file too) with a warning; a timeout is a failure', async () => {
  const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
  const error = vi.spyOn(console, 'error').mockImplementation(() => {})
  try {
    const [webhook] = parseWebhooks([{name: 'bounded', url: `${receiver.url}/bounded`, maxAttempts: 1, timeoutMs: 300}])
    const queue = new DeliveryQueue(webhook!, 'local', 2)
    for (const id of ['one', 'two', 'three', 'four', 'five']) queue.push(delivery(id))

    // "one" is in flight; "two" and "three" were pushed out by "four" and "five".
    const requests = await receiver.waitFor('/bounded', 3)
    expect(requests.map((r) => r.headers['sanity-document-id'])).toEqual(['one', 'four', 'five'])
    expect(requests[1]!.at - requests[0]!.at).toBeGreaterThanOrEqual(250)
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('Webhook "bounded": more than 2 deliveries are waiting; dropped the oldest, create of two'))
    expect(error).toHaveBeenCalledWith(
      expect.stringContaining('gave up on create of one in production (transaction tx-one) after 1 attempt; the last failed with no answer within 300 ms'),
    )
    // Delivered, given up on, or dropped: nothing is owed any more.
    await vi.waitFor(() => expect(store.pending()).toEqual([]))
    expect(queue.close()).toBe(0)
  } finally {
    warn.mockRestore()
    error.mockRestore()
  }
})

test('finishing lets the attempt in flight be answered and recorded, and starts no other', async () => {
  // Answers each request after 300 ms, like a receiver busy at the moment of shutdown.
  const requests: string[] = []
  const server = http.createServer((req, res) => {
    requests.push(String(req.headers['sanity-document-id']))
    req.resume()
    setTimeout(() => res.writeHead(200).end(), 300)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  try {
    const {port} = server.address() as AddressInfo
    const [webhook] = parseWebhooks([{name: 'bounded', url: `http://127.0.0.1:${port}/slow`}])
    const queue = new DeliveryQueue(webhook!, 'local')
    const first = delivery('first')
    const second = delivery('second')
    queue.push(first)
    queue.push(second)
    await vi.waitFor(() => expect(requests).toEqual(['first']))

    expect(await queue.finish(5_000)).toBe(1)
    // The answer came within the budget: "first" is settled; "second" was never attempted and stays owed.
    expect(requests).toEqual(['first'])
    expect(store.pending().map((row) => row.documentId)).toEqual(['second'])
    store.remove(second.rowId)
  } finally {
    server.close()
  }
})
