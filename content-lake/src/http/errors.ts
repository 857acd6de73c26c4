import {QueryExecutionError} from '../groq/engine'
import {QueryParseError} from '../groq/parse'
import {QueryLimitError} from '../groq/limits'
import {MutationError} from '../mutations/errors'
import {PerspectiveError} from '../perspective'
import {DatasetNotFoundError} from '../store/datasets'

/** An error answered with a given status and body; everything else becomes a 500. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
    /** Headers the answer needs besides the JSON ones, such as `retry-after`. */
    readonly headers: Readonly<Record<string, string>> = {},
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
  408: 'Request Timeout',
  413: 'Payload Too Large',
  422: 'Unprocessable Entity',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
}

/** The generic shape of the hosted API's errors, `{error, message, statusCode}`. */
export function apiError(status: number, message: string): HttpError {
  return new HttpError(status, {error: STATUS_TEXT[status] ?? 'Error', message, statusCode: status})
}

/** The hosted API's answer for a dataset the project does not have. */
export function datasetNotFound(dataset: string, projectId: string): HttpError {
  return apiError(404, `Dataset "${dataset}" not found for project ID "${projectId}"`)
}

/** Too busy for now (429 for this client, 503 for everyone): try again after `retryAfterSeconds`. */
export function busy(status: 429 | 503, message: string, retryAfterSeconds: number): HttpError {
  return new HttpError(status, apiError(status, message).body, {'retry-after': String(retryAfterSeconds)})
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
  if (error instanceof QueryLimitError) {
    return new HttpError(
      error.status,
      {error: {type: error.type, description: error.message}},
      error.retryAfterSeconds === undefined ? {} : {'retry-after': String(error.retryAfterSeconds)},
    )
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
  if (error instanceof DatasetNotFoundError) return apiError(404, error.message)
  return apiError(500, 'Internal error in the content lake')
}
