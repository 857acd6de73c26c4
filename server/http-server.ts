import http from 'node:http'
import type {Express} from 'express'

/**
 * How long a client may take to send its request. A reader on a slow phone sends a 64 KB
 * comment in well under this; a client that states a body and then trickles or stalls it
 * would otherwise hold a socket and the body reader's buffer for Node's default of 5 minutes.
 */
export interface RequestDeadlines {
  /** Whole request, headers and body (Node answers 408 and closes the connection). */
  requestMs: number
  headersMs: number
  /** How often Node looks for requests past their deadline. */
  checkEveryMs: number
}

export const SITE_REQUEST_DEADLINES: RequestDeadlines = {requestMs: 20_000, headersMs: 10_000, checkEveryMs: 1_000}

export function createSiteServer(app: Express, deadlines: RequestDeadlines = SITE_REQUEST_DEADLINES): http.Server {
  const server = http.createServer(
    {requestTimeout: deadlines.requestMs, headersTimeout: deadlines.headersMs, connectionsCheckingInterval: deadlines.checkEveryMs},
    app,
  )
  // Longer than the idle time of common proxies and clients' pools, so they close first.
  server.keepAliveTimeout = 65_000
  return server
}
