import {createHmac} from 'node:crypto'

const CSP = 'content-security-policy'
const NONCE = /'nonce-([^']+)'/

/**
 * A public page's script nonce, made from the page itself: the random nonce it was rendered
 * with is replaced by a keyed hash of the page without it. The same page then renders to the
 * same bytes, so its ETag holds across renders and a reader's 304 always matches the nonce
 * their copy carries; and the nonce still can't be guessed for a page that holds anything more
 * (injected markup changes the page, so the nonce, and the key is the site's own).
 * `key` is the app's key for script nonces. Changes `headers` (the policy) and returns the body to send.
 */
export function settleNonce(body: Uint8Array<ArrayBuffer>, headers: Headers, key: Buffer): Uint8Array<ArrayBuffer> {
  const policy = headers.get(CSP)
  const rendered = policy ? NONCE.exec(policy)?.[1] : undefined
  if (!rendered) return body
  const page = Buffer.from(body).toString('utf8')
  const settled = createHmac('sha256', key).update(page.replaceAll(rendered, '')).digest().subarray(0, 16).toString('base64')
  headers.set(CSP, policy!.replaceAll(rendered, settled))
  return new Uint8Array(Buffer.from(page.replaceAll(rendered, settled)))
}
