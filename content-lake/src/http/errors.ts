import {QueryExecutionError, QueryParseError} from '../groq/engine'
import {MutationError} from '../mutations/errors'
import {PerspectiveError} from '../perspective'

/** An error answered with a given status and body; everything else becomes a 500. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
  ) {
    super(`HTTP ${status}`)
  }
}

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Payload Too Large',
  500: 'Internal Server Error',
}

/** The generic shape of the hosted API's errors, `{error, message, statusCode}`. */
export function apiError(status: number, message: string): HttpError {
  return new HttpError(status, {error: STATUS_TEXT[status] ?? 'Error', message, statusCode: status})
}

/** Maps what the lake throws to Sanity's error bodies. */
export function toHttpError(error: unknown): HttpError {
  if (error instanceof HttpError) return error
  if (error instanceof QueryParseError) {
    return new HttpError(400, {
      error: {
        type: 'queryParseError',
        description: error.message,
        query: error.query,
        start: error.start,
        end: error.end,
      },
    })
  }
  if (error instanceof QueryExecutionError) {
    return new HttpError(400, {error: {type: 'queryExecutionError', description: error.message}})
  }
  if (error instanceof MutationError) {
    return new HttpError(error.status, {
      error: {type: error.errorType, description: error.message, items: error.items},
    })
  }
  if (error instanceof PerspectiveError) return apiError(400, error.message)
  return apiError(500, 'Internal error in the content lake')
}
