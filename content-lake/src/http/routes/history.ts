import {documentEvents} from '../../history/events'
import {documentTransactions, UnknownTransactionError} from '../../history/transactions'
import {pathParam, RESPONDED, type Route, type RouteContext} from '../context'
import {apiError} from '../errors'
import {flag} from '../request'

function historyOf({params, access, lake}: RouteContext) {
  // History shows drafts and deleted content: like the hosted API, it needs a token.
  if (!access.canReadPrivate) throw apiError(403, 'Reading history requires a token with read access')
  return lake.history(pathParam(params, 'dataset'))
}

function ids(params: Record<string, string>): string[] {
  return pathParam(params, 'ids')
    .split(',')
    .map((id) => id.trim())
    .filter(Boolean)
}

function positiveInteger(value: string | null, name: string): number | undefined {
  if (value === null || value === '') return undefined
  const parsed = Number(value)
  if (!Number.isInteger(parsed) || parsed < 1) throw apiError(400, `"${name}" must be a positive integer`)
  return parsed
}

/** Second precision, as transaction times are stored. */
function time(value: string | null, name: string): string | undefined {
  if (value === null || value === '') return undefined
  const date = new Date(value)
  if (Number.isNaN(date.getTime())) throw apiError(400, `"${name}" must be an ISO 8601 time`)
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z')
}

/** `GET /v{v}/data/history/{dataset}/transactions/{ids}`: NDJSON, one transaction per line. */
export const historyTransactionsRoute: Route = async (context) => {
  const reader = historyOf(context)
  const search = context.url.searchParams
  let transactions: ReturnType<typeof documentTransactions>
  try {
    transactions = documentTransactions(reader, ids(context.params), {
      fromTransaction: search.get('fromTransaction') ?? undefined,
      toTransaction: search.get('toTransaction') ?? undefined,
      fromTime: time(search.get('fromTime'), 'fromTime'),
      toTime: time(search.get('toTime'), 'toTime'),
      authors: search.get('authors')?.split(',').filter(Boolean),
      limit: positiveInteger(search.get('limit'), 'limit'),
      reverse: flag(search, 'reverse'),
      excludeContent: flag(search, 'excludeContent'),
      mendozaEffects: search.get('effectFormat') === 'mendoza',
      includeIdentifiedDocumentsOnly: flag(search, 'includeIdentifiedDocumentsOnly'),
    })
  } catch (error) {
    if (error instanceof UnknownTransactionError) throw apiError(404, error.message)
    throw error
  }
  context.res.writeHead(200, {'content-type': 'application/x-ndjson; charset=utf-8', 'cache-control': 'no-store'})
  context.res.end(transactions.map((transaction) => `${JSON.stringify(transaction)}\n`).join(''))
  return RESPONDED
}

/** `GET /v{v}/data/history/{dataset}/documents/{ids}?revision=…|time=…`: documents as they were. */
export const historyDocumentsRoute: Route = async (context) => {
  const reader = historyOf(context)
  const revision = context.url.searchParams.get('revision')
  const at = time(context.url.searchParams.get('time'), 'time')
  if (!revision && !at) throw apiError(400, 'Give either "revision" or "time"')
  const documents = ids(context.params)
    .map((id) => (revision ? reader.atRevision(id, revision) : reader.atTime(id, at!)))
    .filter((doc) => doc !== null)
  return {documents}
}

/** `GET /v{v}/data/history/{dataset}/events/documents/{id}`: Studio's history panel events. */
export const historyEventsRoute: Route = async (context) => {
  const reader = historyOf(context)
  const id = pathParam(context.params, 'id')
  const {events, nextCursor} = documentEvents(reader, id, {
    limit: positiveInteger(context.url.searchParams.get('limit'), 'limit') ?? 100,
    cursor: positiveInteger(context.url.searchParams.get('nextCursor'), 'nextCursor'),
  })
  return {events: {[id]: events}, nextCursor}
}
