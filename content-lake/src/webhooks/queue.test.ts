import {afterAll, beforeAll, expect, test, vi} from 'vitest'
import {startWebhookReceiver, type WebhookReceiver} from '../../test/webhook-receiver'
import {parseWebhooks} from './config'
import type {Delivery} from './delivery'
import {DeliveryQueue} from './queue'

let receiver: WebhookReceiver

beforeAll(async () => {
  // The first delivery gets no answer at all; the rest are accepted.
  receiver = await startWebhookReceiver((_request, earlier) => (earlier.length === 0 ? 'hang' : 200))
})

afterAll(async () => {
  await receiver?.close()
})

function delivery(documentId: string): Delivery {
  return {
    dataset: 'production',
    documentId,
    transactionId: `tx-${documentId}`,
    transactionTime: '2026-01-01T00:00:00Z',
    operation: 'create',
    body: JSON.stringify({_id: documentId}),
    idempotencyKey: `key-${documentId}`,
  }
}

test('one request at a time in order; beyond the bound the oldest waiting delivery is dropped with a warning; a timeout is a failure', async () => {
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
    expect(queue.close()).toBe(0)
  } finally {
    warn.mockRestore()
    error.mockRestore()
  }
})
