import type {Perspective} from '../../perspective'
import {QueryExecutionError} from '../engine'
import {QueryParseError} from '../parse'
import {QueryLimitError, type QueryLimits} from '../limits'

/** One query for a worker: what `runQuery` needs, with the dataset named by its SQLite file. */
export interface QueryTask {
  file: string
  /** The last commit the writer had announced when the query arrived; the worker waits for it. */
  seq: number
  query: string
  params: Record<string, unknown>
  perspective: Perspective
  canReadPrivate: boolean
  identity?: string
  planner: boolean
  limits: QueryLimits
}

/** A query to parse only (a listener's), into the syntax tree groq-js evaluates. */
export type ParseTask = Pick<QueryTask, 'query' | 'params' | 'limits'>

/** Errors the caller must see as such; thrown errors lose their class between threads. */
type TaskError =
  | {kind: 'parse'; message: string; query: string; start: number; end: number}
  | {kind: 'execution'; message: string}
  | {kind: 'limit'; status: QueryLimitError['status']; type: string; message: string}

export type QueryOutcome = {result: unknown} | {error: TaskError}

/** The error as a worker sends it back; anything unexpected stays thrown (an internal error). */
export function describeError(error: unknown): QueryOutcome {
  if (error instanceof QueryParseError) {
    return {error: {kind: 'parse', message: error.message, query: error.query, start: error.start, end: error.end}}
  }
  if (error instanceof QueryExecutionError) return {error: {kind: 'execution', message: error.message}}
  if (error instanceof QueryLimitError) return {error: {kind: 'limit', status: error.status, type: error.type, message: error.message}}
  throw error
}

export function resultOf(outcome: QueryOutcome): unknown {
  if ('result' in outcome) return outcome.result
  const {error} = outcome
  if (error.kind === 'parse') throw new QueryParseError(error.message, error.query, error.start, error.end)
  if (error.kind === 'execution') throw new QueryExecutionError(error.message)
  throw new QueryLimitError(error.status, error.type, error.message)
}
