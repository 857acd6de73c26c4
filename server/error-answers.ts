import {randomBytes} from 'node:crypto'
import type {ErrorRequestHandler} from 'express'
import type {Logger} from 'pino'
import {loggedPath} from './request-log'

/**
 * The last word on anything that failed before or outside Remix (a path that can't be decoded,
 * a file that can't be read): a short plain answer, never the error itself. A client's mistake
 * keeps its 4xx; anything else is logged with a short id, which the 500 names so it can be found.
 */
function clientErrorStatus(error: unknown): number | undefined {
  const status = (error as {status?: unknown; statusCode?: unknown} | null)?.status ?? (error as {statusCode?: unknown} | null)?.statusCode
  return typeof status === 'number' && status >= 400 && status < 500 ? status : undefined
}

export const answerErrors =
  (logger: Logger): ErrorRequestHandler =>
  (error, req, res, next) => {
    // Too late for another answer: Express closes the connection.
    if (res.headersSent) return next(error)
    res.setHeader('Cache-Control', 'no-store')
    const status = clientErrorStatus(error)
    if (status) {
      res
        .status(status)
        .type('text/plain')
        .send(status === 404 ? 'Not found.\n' : 'The request could not be understood.\n')
      return
    }
    const id = randomBytes(4).toString('hex')
    logger.error({errorId: id, requestId: res.getHeader('X-Request-Id'), method: req.method, path: loggedPath(req.path), err: error}, `error ${id}`)
    res.status(500).type('text/plain').send(`Something went wrong on our side (error ${id}). Please try again in a moment.\n`)
  }
