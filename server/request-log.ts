import {randomUUID} from 'node:crypto'
import type {RequestHandler} from 'express'
import pino, {type Logger} from 'pino'

/**
 * One line per request: time, request id, method, path, status, duration, and the part of it
 * spent waiting on the lake's published reads (`lakeMs`; the rest is the site's). No query string,
 * headers, cookies, bodies or addresses; the secret in a tokened link's path is masked. The id
 * goes on to the lake with the requests made while answering (see the services' withRequestId),
 * so the lake's line for a comment's mutation carries the id of the site's line for its POST.
 */

// Short and from a safe alphabet, so a caller's id can neither forge log lines nor bloat them.
const VALID_REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/

// The site's links whose path carries a secret (moderation, previews, unsubscribing, a
// commenter's own data): the segment after these prefixes is never logged.
const TOKEN_IN_PATH = /^(\/(?:moderate|preview|unsubscribe|follow-ups|privacy\/comments)\/)[^/]+/

export type LogFormat = 'json' | 'pretty'

/** A request line as a person reads it in a terminal: `GET /path 200 3ms (lake 1ms) (id)`. */
export function prettyLine(line: string): string {
  const entry = JSON.parse(line) as Record<string, unknown>
  if (entry.status !== undefined) {
    const lake = entry.lakeMs ? ` (lake ${entry.lakeMs}ms)` : ''
    return `${entry.method} ${entry.path} ${entry.status} ${entry.ms}ms${lake} (${entry.requestId})\n`
  }
  return `${entry.msg} (${entry.method} ${entry.path}, ${entry.requestId})\n${(entry.err as {stack?: string} | undefined)?.stack ?? ''}\n`
}

export function createLogger(format: LogFormat): Logger {
  const options = {base: null, timestamp: pino.stdTimeFunctions.isoTime}
  if (format === 'json') return pino(options, pino.destination({dest: 1, sync: true}))
  return pino(options, {write: (line: string) => process.stdout.write(prettyLine(line))})
}

export function loggedPath(path: string): string {
  return path.replace(TOKEN_IN_PATH, '$1…')
}

/** Gives each request its id (the caller's when safe), echoes it, runs the rest within it and logs the request once. */
export function requestLog(logger: Logger, withRequestId: <T>(request: {id: string; lakeMs: number}, run: () => T) => T): RequestHandler {
  return (req, res, next) => {
    const given = req.get('x-request-id')
    const requestId = given !== undefined && VALID_REQUEST_ID.test(given) ? given : randomUUID()
    res.setHeader('X-Request-Id', requestId)
    const started = performance.now()
    const answering = {id: requestId, lakeMs: 0}
    let logged = false
    const log = () => {
      if (logged) return
      logged = true
      const status = res.writableFinished ? res.statusCode : 499
      logger.info(
        {requestId, method: req.method, path: loggedPath(req.path), status, ms: Math.round(performance.now() - started), lakeMs: Math.round(answering.lakeMs)},
        'request',
      )
    }
    res.once('finish', log).once('close', log)
    withRequestId(answering, next)
  }
}
