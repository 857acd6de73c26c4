import {createHash} from 'node:crypto'
import {settleNonce} from './content-nonce'

/**
 * Who may keep a copy of a page, and for how long. Anonymous readers all see the same page,
 * so a shared cache (a CDN) may keep it for a minute and serve it stale while it refetches;
 * a reader with a session (a commenter, a signed-in reader) gets a page made for them alone.
 */
export const PUBLIC_CACHE_CONTROL = 'public, max-age=0, s-maxage=60, stale-while-revalidate=86400'
export const PRIVATE_CACHE_CONTROL = 'private, no-store'
/** Seconds a reader is asked to wait before trying again when the Content Lake is down. */
export const RETRY_AFTER_SECONDS = '30'

const SESSION_COOKIE = '__session'

export function hasSessionCookie(cookieHeader: string | null | undefined): boolean {
  return (cookieHeader ?? '').split(';').some((cookie) => cookie.trim().startsWith(`${SESSION_COOKIE}=`))
}

/** A finished page, body included, that can be answered again (304 or in full) without rendering. */
export interface StoredPage {
  status: number
  headers: [string, string][]
  body: Uint8Array<ArrayBuffer>
  etag: string
  /** The body gzipped, made on the first request that accepts it and kept with the page. */
  gzipped?: Buffer
}

const isRead = (request: Request) => request.method === 'GET' || request.method === 'HEAD'
const PUBLIC_STATUSES = new Set([200, 301, 308, 404, 410])

/** Weak, because compression changes the bytes on the wire but not the page. */
function etagOf(body: Uint8Array): string {
  return `W/"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`
}

export function matchesEtag(header: string | null | undefined, etag: string): boolean {
  if (!header) return false
  const bare = (tag: string) => tag.trim().replace(/^W\//, '')
  return header.split(',').some((tag) => tag.trim() === '*' || bare(tag) === bare(etag))
}

/** The stored page as an answer to this request: 304 when the reader's copy is current. */
export function answerFromStore(request: Request, page: StoredPage): Response {
  const headers = new Headers(page.headers)
  if (matchesEtag(request.headers.get('if-none-match'), page.etag)) {
    headers.delete('content-type')
    headers.delete('content-length')
    return new Response(null, {status: 304, headers})
  }
  return new Response(request.method === 'HEAD' ? null : page.body, {status: page.status, headers})
}

/**
 * Sets Cache-Control (and Vary, Retry-After) on what Remix answered. A public 200 is read in
 * full so that it gets an ETag (its script nonce settled with `nonceKey`, see content-nonce.ts);
 * it comes back as `stored`, for the page cache to keep.
 */
export async function applyCachePolicy(request: Request, response: Response, nonceKey: Buffer): Promise<{response: Response; stored?: StoredPage}> {
  const headers = new Headers(response.headers)
  if (response.status === 503 && !headers.has('retry-after')) headers.set('retry-after', RETRY_AFTER_SECONDS)
  if (hasSessionCookie(request.headers.get('cookie')) || headers.has('set-cookie')) {
    headers.set('cache-control', PRIVATE_CACHE_CONTROL)
  } else if (response.status >= 500) {
    headers.set('cache-control', 'no-store')
  } else if (!headers.has('cache-control') && isRead(request) && PUBLIC_STATUSES.has(response.status)) {
    headers.set('cache-control', PUBLIC_CACHE_CONTROL)
    // A shared cache must not give an anonymous page to a reader with a session, or back.
    headers.append('vary', 'Cookie')
  }
  const cacheable = response.status === 200 && isRead(request) && headers.get('cache-control') === PUBLIC_CACHE_CONTROL
  if (!cacheable || !response.body) {
    return {response: new Response(response.body, {status: response.status, statusText: response.statusText, headers})}
  }
  const body = settleNonce(new Uint8Array(await response.arrayBuffer()), headers, nonceKey)
  const etag = etagOf(body)
  headers.set('etag', etag)
  const stored: StoredPage = {status: response.status, headers: [...headers], body, etag}
  return {response: answerFromStore(request, stored), stored}
}
