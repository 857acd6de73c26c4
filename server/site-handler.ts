import {createRemixRequest, sendRemixResponse} from '@remix-run/express/dist/server.js'
import {createRequestHandler, type ServerBuild} from '@remix-run/node'
import type {Request as ExpressRequest, RequestHandler} from 'express'
import {answerFromStore, applyCachePolicy} from './http-cache'
import type {PageCache} from './page-cache'

/** What loaders and actions get as `context`: the reader's network address (Express's `req.ip`, which honours `trust proxy`). */
function loadContext(req: ExpressRequest) {
  return {clientAddress: req.ip ?? req.socket.remoteAddress ?? ''}
}

/**
 * Remix behind the HTTP cache rules: Cache-Control and ETags on what it renders, 304s for
 * readers whose copy is current, and anonymous pages answered from the page cache.
 */
export function siteRequestHandler(build: ServerBuild, mode: string, cache: PageCache): RequestHandler {
  const render = createRequestHandler(build, mode)
  return async (req, res, next) => {
    try {
      const request = createRemixRequest(req, res)
      const key = cache.keyFor(request)
      const hit = key ? cache.get(key) : undefined
      if (hit) {
        await sendRemixResponse(res, answerFromStore(request, hit))
        return
      }
      const generation = cache.begin()
      const {response, stored} = await applyCachePolicy(request, await render(request, loadContext(req)))
      if (key && stored && request.method === 'GET') cache.set(key, stored, generation)
      await sendRemixResponse(res, response)
    } catch (error) {
      next(error)
    }
  }
}
