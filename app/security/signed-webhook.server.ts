import {createHmac, timingSafeEqual} from 'node:crypto'
import {decodeSignatureHeader, SIGNATURE_HEADER_NAME} from '@sanity/webhook'
import {getEnv} from '~/env.server'
import {rememberHandled, wasHandled} from './handled-deliveries.server'

/**
 * The lake's (or Sanity's) webhooks to the site (/hooks/*), signed with COMMENT_WEBHOOK_SECRET
 * in @sanity/webhook's format: `t=<ms>,v1=<base64url HMAC-SHA256 of "<t>.<body>">`.
 *
 * Three things beyond the library's check: the signature is compared in constant time; its
 * time must be within SIGNATURE_WINDOW_MS of ours either way (a captured delivery can't be
 * replayed later); and within that window a delivery already handled is not handled again
 * (same signature, or same `idempotency-key`), whichever site process handled it. The lake signs each attempt anew, so its retries
 * of a failed delivery are fresh and accepted.
 */

export const SIGNATURE_WINDOW_MS = 5 * 60 * 1000

export const webhookAnswer = (status: number, body: Record<string, unknown>, headers: Record<string, string> = {}) =>
  Response.json(body, {status, headers: {'Cache-Control': 'no-store', ...headers}})

type SignatureHeader = {timestamp: number; digest: Buffer; raw: string}

function parseSignature(header: string | null): SignatureHeader | null {
  if (!header) return null
  try {
    const {timestamp, hashedPayload} = decodeSignatureHeader(header)
    return {timestamp, digest: Buffer.from(hashedPayload, 'base64url'), raw: hashedPayload}
  } catch {
    return null
  }
}

function signs(signature: SignatureHeader, body: string, secret: string): boolean {
  const expected = createHmac('sha256', secret).update(`${signature.timestamp}.${body}`).digest()
  return signature.digest.length === expected.length && timingSafeEqual(signature.digest, expected)
}

/**
 * Checks a webhook delivery and hands its body to `handle`; otherwise the answer to give: 405
 * for anything but POST, 503 when the site has no secret, 401 for a bad, missing or stale
 * signature (checked before the body is read), 200 `{done: [], duplicate: true}` for a
 * delivery already handled. A delivery counts as handled once `handle` answers 2xx.
 */
export async function handleSignedWebhook(request: Request, handle: (body: string) => Promise<Response>, now: () => number = Date.now): Promise<Response> {
  if (request.method !== 'POST') return webhookAnswer(405, {error: 'POST only'}, {Allow: 'POST'})
  const secret = getEnv().COMMENT_WEBHOOK_SECRET
  if (!secret) return webhookAnswer(503, {error: 'COMMENT_WEBHOOK_SECRET is not set on the site'})
  const signature = parseSignature(request.headers.get(SIGNATURE_HEADER_NAME))
  if (!signature) return webhookAnswer(401, {error: 'bad signature'})
  if (Math.abs(now() - signature.timestamp) > SIGNATURE_WINDOW_MS) {
    return webhookAnswer(401, {error: 'signature outside the accepted time window'})
  }
  const body = await request.text()
  if (!signs(signature, body, secret)) return webhookAnswer(401, {error: 'bad signature'})

  const idempotencyKey = request.headers.get('idempotency-key')
  const keys = [`signature:${signature.raw}`, ...(idempotencyKey ? [`key:${idempotencyKey}`] : [])]
  if (wasHandled(keys, now())) return webhookAnswer(200, {done: [], duplicate: true})
  const answer = await handle(body)
  // Twice the window: a signature dated up to a window ahead stays acceptable that long.
  if (answer.ok) rememberHandled(keys, now() + 2 * SIGNATURE_WINDOW_MS, now())
  return answer
}
