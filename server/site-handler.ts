import {gzipSync} from 'node:zlib'
import {createRemixRequest, sendRemixResponse} from '@remix-run/express/dist/server.js'
import {createRequestHandler, type ServerBuild} from '@remix-run/node'
import type {Request as ExpressRequest, RequestHandler, Response as ExpressResponse} from 'express'
import {applyCachePolicy, matchesEtag, type StoredPage} from './http-cache'
import type {PageCache} from './page-cache'
import {readBodyOf} from './request-body'
import {scriptNonceOf} from './security-headers'
import {asWholePage} from './whole-page'

/**
 * What loaders and actions get as `context`: the reader's network address (Express's `req.ip`,
 * which honours `trust proxy`), and the nonce for the page's inline scripts.
 */
function loadContext(req: ExpressRequest, res: ExpressResponse) {
  return {clientAddress: req.ip ?? req.socket.remoteAddress ?? '', scriptNonce: scriptNonceOf(res)}
}

/** The request for Remix, with the body read at the door (request-body.ts) in place of the stream. */
function remixRequest(req: ExpressRequest, res: ExpressResponse): Request {
  const request = createRemixRequest(req, res)
  const body = readBodyOf(req)
  if (!body) return request
  // A body over the limit is not read at all: the route answers from its stated length.
  return new Request(request, {body: body.kind === 'read' ? body.bytes : new Uint8Array(0), duplex: 'half'} as RequestInit)
}

/**
 * Remix's answer as sent: the route's own headers replace the defaults set before it (the
 * preview's Referrer-Policy, say); a body refused as too large is a 413 whatever the route said.
 */
async function send(req: ExpressRequest, res: ExpressResponse, response: Response): Promise<void> {
  for (const name of response.headers.keys()) res.removeHeader(name)
  const refused = readBodyOf(req)?.kind === 'oversized'
  const page = await asWholePage(response)
  await sendRemixResponse(res, refused ? new Response(page.body, {status: 413, headers: page.headers}) : page)
}

const keyOf = (req: ExpressRequest, cache: PageCache) => cache.keyFor(req.method, req.originalUrl, req.headers.cookie)

/**
 * Answers a stored page straight from memory: 304 when the reader's copy is current, else the
 * body, gzipped once and kept when the reader accepts it (so compression is not redone per hit).
 */
function sendStored(req: ExpressRequest, res: ExpressResponse, page: StoredPage): void {
  // res.set, as Remix's own adapter does (it also adds the charset to a text Content-Type).
  for (const [name, value] of page.headers) res.set(name, value)
  if (matchesEtag(req.headers['if-none-match'], page.etag)) {
    res.removeHeader('content-type')
    res.status(304).end()
    return
  }
  res.status(page.status)
  res.vary('Accept-Encoding')
  if (req.acceptsEncodings('gzip', 'identity') === 'gzip') {
    page.gzipped ??= gzipSync(page.body)
    res.setHeader('content-encoding', 'gzip')
    res.setHeader('content-length', page.gzipped.byteLength)
    res.end(req.method === 'HEAD' ? undefined : page.gzipped)
    return
  }
  res.setHeader('content-length', page.body.byteLength)
  res.end(req.method === 'HEAD' ? undefined : page.body)
}

/** Says which answers came from the page cache (for operators and tests; nothing private). */
const CACHE_STATUS_HEADER = 'x-page-cache'

/** Anonymous requests for a page the cache holds, answered before anything else runs. */
export function pageCacheHits(cache: PageCache): RequestHandler {
  return (req, res, next) => {
    const key = keyOf(req, cache)
    const hit = key ? cache.get(key) : undefined
    if (!hit) return next()
    res.setHeader(CACHE_STATUS_HEADER, 'hit')
    sendStored(req, res, hit)
  }
}

/** The page cache, and how to learn what a render showed (the app's tags, see page-cache.ts). */
export interface RenderCache {
  cache: PageCache
  recordingPageDependencies<T>(render: () => Promise<T>): Promise<{result: T; dependencies: string[]}>
}

/**
 * Remix behind the HTTP cache rules: Cache-Control and ETags on what it renders, 304s for
 * readers whose copy is current; anonymous pages are handed to the page cache.
 */
export function siteRequestHandler(build: ServerBuild, mode: string, {cache, recordingPageDependencies}: RenderCache, nonceKey: Buffer): RequestHandler {
  const render = createRequestHandler(build, mode)
  return async (req, res, next) => {
    try {
      const request = remixRequest(req, res)
      const key = keyOf(req, cache)
      const started = cache.begin()
      const {result, dependencies} = await recordingPageDependencies(() => render(request, loadContext(req, res)))
      const {response, stored} = await applyCachePolicy(request, result, nonceKey)
      if (key && stored && req.method === 'GET') {
        cache.set(key, stored, started, dependencies)
        res.setHeader(CACHE_STATUS_HEADER, 'miss')
      }
      await send(req, res, response)
    } catch (error) {
      next(error)
    }
  }
}
