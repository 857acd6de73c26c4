import {randomId} from '../../ids'
import {pathParam, RESPONDED, type Route} from '../context'
import {flag, groqParamsFromSearch} from '../request'
import {apiError} from '../errors'
import {holdListenSlot} from '../listen-slots'

/** Every open stream, so that a shutdown can ask clients to reconnect instead of just dropping them. */
const open = new Set<() => void>()

/** Ends every open stream with a `reconnect` event. */
export function closeListeners(): void {
  for (const close of open) close()
}

/** `GET /v{apiVersion}/data/listen/{dataset}`: mutation events as server-sent events. */
export const listenRoute: Route = async ({req, res, url, params, access, lake}) => {
  const query = url.searchParams.get('query')
  if (!query) throw apiError(400, 'The "query" parameter is required')
  const visibility = url.searchParams.get('visibility') === 'transaction' ? 'transaction' : 'query'
  holdListenSlot(lake, req, res)

  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
  })
  const send = (event: string, data: unknown, id?: string) => {
    res.write(`${id ? `id: ${id}\n` : ''}event: ${event}\ndata: ${JSON.stringify(data)}\n\n`)
  }

  let unsubscribe: () => void
  try {
    unsubscribe = await lake.listen(
      pathParam(params, 'dataset'),
      {
        query,
        params: groqParamsFromSearch(url.searchParams),
        // Off unless asked for: @sanity/client always asks, and drops the parameter to turn it off.
        includeResult: flag(url.searchParams, 'includeResult'),
        includePreviousRevision: flag(url.searchParams, 'includePreviousRevision'),
        includeMutations: flag(url.searchParams, 'includeMutations', true),
        mendozaEffects: url.searchParams.get('effectFormat') === 'mendoza',
        includeAllVersions: flag(url.searchParams, 'includeAllVersions'),
        visibility,
      },
      access,
      (event) => send('mutation', event, event.eventId),
    )
  } catch (error) {
    // The stream is already open: the client expects a channelError event, not a status.
    send('channelError', {message: error instanceof Error ? error.message : String(error)})
    res.end()
    return RESPONDED
  }

  // The client may have gone while its query was parsed.
  if (res.destroyed) {
    unsubscribe()
    return RESPONDED
  }
  send('welcome', {listenerName: randomId()})
  // Often enough that proxies and idle timeouts never drop a quiet stream.
  const keepAlive = setInterval(() => res.write(':\n\n'), lake.config.listenKeepAliveMs)
  const stop = () => {
    clearInterval(keepAlive)
    open.delete(closeForShutdown)
    unsubscribe()
  }
  const closeForShutdown = () => {
    stop()
    send('reconnect', {reason: 'The server is shutting down'})
    res.end()
  }
  open.add(closeForShutdown)
  req.once('close', stop)
  res.once('close', stop)
  return RESPONDED
}
