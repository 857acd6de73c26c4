import {type ClientConfig, createClient, type SanityClient} from '@sanity/client'
import {getEnv, sanityConnection, type SanityConnection} from '~/env.server'
import {currentRequestId, timingLakeWait} from '~/request-id.server'

/** The client, sending the id of the site request being answered, so the lake's log lines carry it too. */
function withCurrentRequestId(client: SanityClient): SanityClient {
  const requestId = currentRequestId()
  return requestId ? client.withConfig({headers: {'X-Request-Id': requestId}}) : client
}

export function createSanityClient(connection: SanityConnection, token?: string, requests: Pick<ClientConfig, 'maxRetries' | 'timeout'> = {}): SanityClient {
  return createClient({
    ...requests,
    projectId: connection.projectId,
    dataset: connection.dataset,
    apiVersion: connection.apiVersion,
    useProjectHostname: connection.useProjectHostname,
    ...(connection.apiHost ? {apiHost: connection.apiHost} : {}),
    // A token makes the hosted API skip its CDN; tokenless reads may use it.
    useCdn: connection.useCdn && !token,
    ...(token ? {token} : {}),
    perspective: 'published',
  })
}

let publicClient: SanityClient | undefined

/**
 * The client behind every public page. It reads only what the public could read too: drafts
 * and private documents are out of its reach by construction. On hosted Sanity it carries no
 * token; on the local lake it may carry a `reader` token (CONTENT_LAKE_READER_TOKEN), which
 * reads exactly what no token reads, checked at start (see reader-token.server.ts).
 */
export function getPublicClient(): SanityClient {
  const env = getEnv()
  const connection = sanityConnection(env)
  const token = connection.mode === 'local' ? env.CONTENT_LAKE_READER_TOKEN : undefined
  // A reader waiting on a lake that is down should get the "back soon" page quickly, not
  // after the client's default five retries (3 s or more); a hung lake must not hang the page.
  publicClient ??= createSanityClient(connection, token, {maxRetries: 1, timeout: 10_000})
  return withCurrentRequestId(publicClient)
}

/** Seconds a reader (or a crawler) is asked to wait when the lake cannot be reached. */
export const LAKE_RETRY_AFTER_SECONDS = 30

// The lake's answers for a query it had no time for (its time budget, or its queue full while
// floods of anonymous queries run): the same query may well succeed in a moment.
const BUSY_LAKE_ERRORS = new Set(['queryTimeoutError', 'queryQueueFullError'])

/**
 * Network failures, the lake's own 5xx answers and its "too busy" ones: the content is there,
 * just not reachable now.
 */
export function isLakeUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false
  const {statusCode: status, details} = error as {statusCode?: unknown; details?: {type?: unknown}}
  if (typeof status === 'number') return status >= 500 || status === 429 || BUSY_LAKE_ERRORS.has(String(details?.type))
  // No HTTP status at all: the request never got an answer (refused, reset, timed out).
  return true
}

/**
 * A published-content query. When the lake is unreachable the route answers 503 with
 * Retry-After (rendered by the root error boundary), and the next request tries again.
 */
export async function queryPublished(query: string, params: Record<string, unknown> = {}): Promise<unknown> {
  try {
    return await timingLakeWait(getPublicClient().fetch(query, params))
  } catch (error) {
    if (!isLakeUnavailable(error)) throw error
    console.error(`Content Lake unavailable: ${error instanceof Error ? error.message : String(error)}`)
    throw new Response(null, {
      status: 503,
      statusText: 'Service Unavailable',
      headers: {'Retry-After': String(LAKE_RETRY_AFTER_SECONDS)},
    })
  }
}

let writeClient: SanityClient | undefined

/**
 * The client that writes comments and reads their private details. Its token never leaves
 * the server; nothing it reads goes to a page without being picked field by field.
 */
export function getWriteClient(): SanityClient {
  const env = getEnv()
  if (!env.SANITY_API_WRITE_TOKEN) {
    throw new Error('SANITY_API_WRITE_TOKEN is not set: the site cannot store comments without a token that may write.')
  }
  // Like the public client: a reader waiting on a comment must hear quickly that the lake is
  // down (their text comes back to them), not after the client's five retries.
  writeClient ??= createSanityClient({...sanityConnection(env), useCdn: false}, env.SANITY_API_WRITE_TOKEN).withConfig({
    maxRetries: 1,
    timeout: 10_000,
  })
  return withCurrentRequestId(writeClient)
}
