import type {IncomingMessage, ServerResponse} from 'node:http'
import {isOriginAllowed, type OriginPattern} from '../cors-origins'
import {apiError} from './errors'

const ALLOWED_METHODS = 'GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS'
// Browsers may reuse a preflight's answer this long (Chromium caps it at two hours).
const MAX_AGE_SECONDS = '600'
// `/ping` answers every origin, as the hosted API's does: Studio fetches it without credentials
// to tell a CORS misconfiguration from a network failure, and times it to detect HTTP/2.
const OPEN_TO_ANY_ORIGIN = /^(?:\/v[^/]+)?\/ping$/

/**
 * A page served by the lake itself (Studio on the HTTPS listener) needs no allow-list entry, also
 * when it calls the lake under its project hostname (`<projectId>.<the page's host>`), as the App
 * SDK inside Studio does: both names reach this same lake.
 */
function isLakesOwnPage(req: IncomingMessage, origin: string, projectId: string): boolean {
  const host = req.headers[':authority'] ?? req.headers.host
  if (typeof host !== 'string') return false
  let originHost: string
  try {
    originHost = new URL(origin).host
  } catch {
    return false // `null` and other opaque origins
  }
  const requested = host.toLowerCase()
  return requested === originHost || requested === `${projectId}.${originHost}`
}

/**
 * Applies the CORS policy before routing. An allowed origin gets its CORS headers on whatever
 * follows (errors and event streams included), and its preflight is answered here: the result
 * is then true. An origin that is not allowed gets no CORS headers; its preflights and its
 * requests with credentials are refused with a 403, as the hosted API refuses them.
 */
export function handleCors(
  req: IncomingMessage,
  res: ServerResponse,
  pathname: string,
  {allowed, projectId}: {allowed: readonly OriginPattern[]; projectId: string},
): boolean {
  // Responses differ by origin, so no cache may hand one origin's answer to another.
  res.setHeader('vary', 'Origin')
  const origin = req.headers.origin
  if (origin === undefined) return false
  const preflight = req.method === 'OPTIONS' && req.headers['access-control-request-method'] !== undefined
  if (isLakesOwnPage(req, origin, projectId) || isOriginAllowed(allowed, origin)) {
    res.setHeader('access-control-allow-origin', origin)
    res.setHeader('access-control-allow-credentials', 'true')
  } else if (OPEN_TO_ANY_ORIGIN.test(pathname)) {
    res.setHeader('access-control-allow-origin', '*')
  } else if (preflight || req.headers.authorization !== undefined || req.headers.cookie !== undefined) {
    throw apiError(403, `CORS origin not allowed: add "${origin}" to the lake's CONTENT_LAKE_CORS_ORIGINS`)
  } else {
    return false
  }
  if (!preflight) return false
  const requestedHeaders = req.headers['access-control-request-headers']
  res.writeHead(204, {
    'access-control-allow-methods': ALLOWED_METHODS,
    ...(requestedHeaders ? {'access-control-allow-headers': requestedHeaders} : {}),
    'access-control-max-age': MAX_AGE_SECONDS,
  })
  res.end()
  return true
}
