import {gzipSync} from 'node:zlib'
import {createRemixRequest, sendRemixResponse} from '@remix-run/express/dist/server.js'
import {createRequestHandler, type ServerBuild} from '@remix-run/node'
import type {Request as ExpressRequest, RequestHandler, Response as ExpressResponse} from 'express'
import {applyCachePolicy, matchesEtag, type StoredPage} from './http-cache'
import type {PageCache} from './page-cache'

/** What loaders and actions get as `context`: the reader's network address (Express's `req.ip`, which honours `trust proxy`). */
function loadContext(req: ExpressRequest) {
  return {clientAddress: req.ip ?? req.socket.remoteAddress ?? ''}
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

/** Anonymous requests for a page the cache holds, answered before anything else runs. */
export function pageCacheHits(cache: PageCache): RequestHandler {
  return (req, res, next) => {
    const key = keyOf(req, cache)
    const hit = key ? cache.get(key) : undefined
    if (hit) sendStored(req, res, hit)
    else next()
  }
}

/**
 * Remix behind the HTTP cache rules: Cache-Control and ETags on what it renders, 304s for
 * readers whose copy is current; anonymous pages are handed to the page cache.
 */
export function siteRequestHandler(build: ServerBuild, mode: string, cache: PageCache): RequestHandler {
  const render = createRequestHandler(build, mode)
  return async (req, res, next) => {
    try {
      const request = createRemixRequest(req, res)
      const key = keyOf(req, cache)
      const generation = cache.begin()
      const {response, stored} = await applyCachePolicy(request, await render(request, loadContext(req)))
      if (key && stored && req.method === 'GET') cache.set(key, stored, generation)
      await sendRemixResponse(res, response)
    } catch (error) {
      next(error)
    }
  }
}
