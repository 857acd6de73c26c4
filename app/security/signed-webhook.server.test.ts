import {encodeSignatureHeader} from '@sanity/webhook'
import {beforeAll, expect, test, vi} from 'vitest'
import {handleSignedWebhook, SIGNATURE_WINDOW_MS, webhookAnswer} from './signed-webhook.server'

const SECRET = 'webhook-secret-for-these-tests-0123'
beforeAll(() => {
  vi.stubEnv('COMMENT_WEBHOOK_SECRET', SECRET)
})

let deliveries = 0
/** A delivery as the lake sends it: a fresh idempotency key and signature unless given. */
async function delivery(body: string, {at = Date.now(), secret = SECRET, key = `key-${++deliveries}`} = {}) {
  return {
    body,
    headers: {'content-type': 'application/json', 'idempotency-key': key, 'sanity-webhook-signature': await encodeSignatureHeader(body, at, secret)},
  }
}

/** Sends it; the handler answers with `status` and counts its calls. */
function send({body, headers}: {body: string; headers: Record<string, string>}, handler = counting(200)) {
  return handleSignedWebhook(new Request('http://localhost/hooks/comment-status', {method: 'POST', headers, body}), handler.handle)
}

function counting(status: number) {
  const handler = {
    calls: 0,
    handle: async () => {
      handler.calls++
      return webhookAnswer(status, {done: ['x']})
    },
  }
  return handler
}

test('a fresh, correctly signed delivery is handled', async () => {
  const handler = counting(200)
  const answer = await send(await delivery('{"_id":"a"}'), handler)
  expect(answer.status).toBe(200)
  expect(handler.calls).toBe(1)
})

test('a signature older or newer than the window is refused before the body is read', async () => {
  for (const at of [Date.now() - SIGNATURE_WINDOW_MS - 5_000, Date.now() + SIGNATURE_WINDOW_MS + 5_000]) {
    const handler = counting(200)
    const {body, headers} = await delivery('{"_id":"b"}', {at})
    const request = new Request('http://localhost/hooks/x', {method: 'POST', headers, body})
    const answer = await handleSignedWebhook(request, handler.handle)
    expect(answer.status).toBe(401)
    expect(await answer.json()).toEqual({error: 'signature outside the accepted time window'})
    expect(request.bodyUsed).toBe(false)
    expect(handler.calls).toBe(0)
  }
  // Just inside the window, either way, is fine (clocks differ a little).
  for (const at of [Date.now() - SIGNATURE_WINDOW_MS + 5_000, Date.now() + SIGNATURE_WINDOW_MS - 5_000]) {
    expect((await send(await delivery('{"_id":"c"}', {at}))).status).toBe(200)
  }
})

test('a delivery replayed as it was is not handled again', async () => {
  const handler = counting(200)
  const captured = await delivery('{"_id":"d"}')
  expect((await send(captured, handler)).status).toBe(200)
  const replay = await send(captured, handler)
  expect(replay.status).toBe(200)
  expect(await replay.json()).toEqual({done: [], duplicate: true})
  // Nor with another idempotency key (the header is not signed), nor re-signed under the same key.
  expect(await (await send({...captured, headers: {...captured.headers, 'idempotency-key': 'another'}}, handler)).json()).toMatchObject({duplicate: true})
  expect(await (await send(await delivery('{"_id":"d"}', {key: captured.headers['idempotency-key']}), handler)).json()).toMatchObject({duplicate: true})
  expect(handler.calls).toBe(1)
})

test('a delivery that failed is handled when it comes again (the sender retries)', async () => {
  const failing = counting(503)
  const first = await delivery('{"_id":"e"}')
  expect((await send(first, failing)).status).toBe(503)
  const retried = counting(200)
  // The lake re-signs its retry under the same key; a sender that resends it as is works too.
  expect((await send(await delivery('{"_id":"e"}', {key: first.headers['idempotency-key']}), retried)).status).toBe(200)
  expect(retried.calls).toBe(1)
})

test('bad signatures are refused: wrong secret, another body, malformed, truncated, missing', async () => {
  const handler = counting(200)
  const good = await delivery('{"_id":"f"}')
  const signature = good.headers['sanity-webhook-signature']
  const variants = [
    (await delivery('{"_id":"f"}', {secret: 'not-the-secret-0123456789'})).headers['sanity-webhook-signature'],
    (await delivery('{"_id":"other"}')).headers['sanity-webhook-signature'],
    'garbage',
    signature.slice(0, -4),
    `${signature}AAAA`,
    `t=${Date.now()},v1=`,
  ]
  for (const variant of variants) {
    expect((await send({...good, headers: {...good.headers, 'sanity-webhook-signature': variant}}, handler)).status).toBe(401)
  }
  const {'sanity-webhook-signature': _, ...unsigned} = good.headers
  expect((await send({...good, headers: unsigned}, handler)).status).toBe(401)
  expect(handler.calls).toBe(0)
})

test('only POST', async () => {
  const answer = await handleSignedWebhook(new Request('http://localhost/hooks/x'), counting(200).handle)
  expect(answer.status).toBe(405)
})
