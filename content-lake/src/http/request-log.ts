import {randomUUID} from 'node:crypto'
import type {IncomingMessage, ServerResponse} from 'node:http'
import pino, {type Logger} from 'pino'
import {InvalidSettingError} from '../invalid-setting'

/**
 * One line per request and per unexpected error, for an operator following one reader's
 * comment from the site into the lake by its request id. The lines carry no query string
 * (tokens and GROQ parameters travel there), no headers, no bodies and no addresses.
 */

// Short and from a safe alphabet, so a caller's id can neither forge log lines nor bloat them.
const VALID_REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/

/** The caller's X-Request-Id when it is a safe one; a new one otherwise. */
export function requestIdOf(req: IncomingMessage): string {
  const given = req.headers['x-request-id']
  return typeof given === 'string' && VALID_REQUEST_ID.test(given) ? given : randomUUID()
}

export type LogFormat = 'json' | 'pretty'

/** LOG_FORMAT, or JSON lines in production and short human ones elsewhere. */
export function logFormatFromEnv(env: NodeJS.ProcessEnv): LogFormat {
  const format = env.LOG_FORMAT ?? (env.NODE_ENV === 'production' ? 'json' : 'pretty')
  if (format !== 'json' && format !== 'pretty') throw new InvalidSettingError(`LOG_FORMAT must be "json" or "pretty", not "${format}"`)
  return format
}

/** A request line as a person reads it in a terminal: `GET /path 200 3ms (id)`. */
function prettyLine(line: string): string {
  const entry = JSON.parse(line) as Record<string, unknown>
  if (entry.status !== undefined) return `${entry.method} ${entry.path} ${entry.status} ${entry.ms}ms (${entry.requestId})\n`
  return `${entry.msg}${entry.requestId ? ` (${entry.requestId})` : ''}${entry.err ? `\n${(entry.err as {stack?: string}).stack}` : ''}\n`
}

export function createLogger(format: LogFormat, destination: NodeJS.WritableStream = process.stdout): Logger {
  const options = {base: null, timestamp: pino.stdTimeFunctions.isoTime}
  if (format === 'json') return pino(options, pino.destination({dest: 1, sync: true}))
  return pino(options, {write: (line: string) => destination.write(prettyLine(line))})
}

/** Logs the request once, when its answer is sent or its client goes away. */
export function logRequest(logger: Logger, requestId: string, req: IncomingMessage, res: ServerResponse): void {
  const started = performance.now()
  let logged = false
  const log = () => {
    if (logged) return
    logged = true
    const path = (req.url ?? '/').split('?', 1)[0]
    const status = res.writableFinished ? res.statusCode : 499
    logger.info({requestId, method: req.method, path, status, ms: Math.round(performance.now() - started)}, 'request')
  }
  res.once('finish', log).once('close', log)
}
