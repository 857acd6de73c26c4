import {createHmac} from 'node:crypto'

/**
 * The `sanity-webhook-signature` header as Sanity signs deliveries and `@sanity/webhook`'s
 * isValidSignature checks them (the Stripe scheme): the time in milliseconds, and the
 * unpadded base64url HMAC-SHA256 of "<time>.<body>" under the webhook's secret.
 */
export function signatureHeader(body: string, timestampMs: number, secret: string): string {
  const digest = createHmac('sha256', secret).update(`${timestampMs}.${body}`).digest('base64url')
  return `t=${timestampMs},v1=${digest}`
}
