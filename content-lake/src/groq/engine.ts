import {evaluate, evaluateSync, type EvaluateOptions, type ExprNode, GroqSyntaxError, parse, toJS} from 'groq-js'
import type {QueryView} from '../perspective'
import {checkQuerySize, checkTreeCost, type QueryLimits} from './limits'
import {readsDataset} from './conditions'
import {PlanRuntime, type PlanStats} from './plan-runtime'
import {plan} from './planner'
import {rewriteTextQueries} from './text-query'

/** A query that does not parse: carries what Sanity's `queryParseError` body needs. */
export class QueryParseError extends Error {
  override name = 'QueryParseError'
  constructor(
    message: string,
    readonly query: string,
    readonly start: number,
    readonly end: number,
  ) {
    super(message)
  }
}

/** A query that parses but cannot be evaluated (an unsupported function, a missing parameter). */
export class QueryExecutionError extends Error {
  override name = 'QueryExecutionError'
}

export interface QueryInput {
  query: string
  params: Record<string, unknown>
  view: QueryView
  identity?: string
  /** Off only to check that planning never changes a result. */
  planner?: boolean
  limits: QueryLimits
  /** Filled in with what the planner did (tests prove with it that a plan is used). */
  stats?: PlanStats
}

/** Parses a query within the limits: its size before parsing, its cost before anything evaluates it. */
export function parseQuery(query: string, params: Record<string, unknown>, limits: QueryLimits): ExprNode {
  checkQuerySize(query, limits)
  let tree: ExprNode
  try {
    tree = parse(query, {params})
  } catch (error) {
    if (error instanceof GroqSyntaxError) {
      // groq-js reports a point; Sanity reports a range, which the client renders as a code frame.
      const start = Math.min(error.position, query.length)
      throw new QueryParseError(syntaxDescription(error), query, start, Math.min(start + 1, query.length))
    }
    // Other parse-time failures are about parameters, e.g. one that is referenced but not given.
    throw new QueryParseError(error instanceof Error ? error.message : String(error), query, 0, 0)
  }
  const missing = [...parameterNames(tree)].find((name) => !(name in params))
  if (missing !== undefined) {
    // groq-js would quietly read a missing parameter as null; the hosted API refuses the query.
    const start = Math.max(0, query.indexOf(`$${missing}`))
    throw new QueryParseError(`param $${missing} referenced, but not provided`, query, start, start + missing.length + 1)
  }
  checkTreeCost(tree)
  return tree
}

function* parameterNames(node: unknown): Generator<string> {
  if (Array.isArray(node)) {
    for (const child of node) yield* parameterNames(child)
  } else if (node !== null && typeof node === 'object') {
    const record = node as Record<string, unknown>
    if (record.type === 'Parameter' && typeof record.name === 'string') yield record.name
    // A parameter that was given is inlined as a Value whose content is the caller's data.
    if (record.type === 'Value') return
    for (const child of Object.values(record)) yield* parameterNames(child)
  }
}

// groq-js appends the query and a caret to its message; the client draws its own code frame.
function syntaxDescription(error: GroqSyntaxError): string {
  const firstLine = error.message.split('\n')[0] ?? error.message
  return firstLine.replace(/^Syntax error in GROQ query at position \d+:?\s*/i, '') || firstLine
}

export async function runQuery({query, params, view, identity, planner = true, limits, stats}: QueryInput): Promise<unknown> {
  const parsed = parseQuery(query, params, limits)
  let searchable: ExprNode
  try {
    searchable = rewriteTextQueries(parsed)
  } catch (error) {
    throw new QueryExecutionError(error instanceof Error ? error.message : String(error))
  }
  // One time for the whole query: the planner's lookups evaluate parts of it on their own.
  const shared = {params, timestamp: new Date(), ...(identity ? {identity} : {})}
  const runtime = new PlanRuntime(view, shared)
  const tree: ExprNode = planner ? plan(searchable, runtime) : searchable
  const options: EvaluateOptions = {
    ...shared,
    // Only a query that still scans `*` needs the whole view built.
    dataset: readsDataset(tree) ? view.documents() : [],
    dereference: runtime.dereference as EvaluateOptions['dereference'],
  }
  try {
    let result: unknown
    try {
      // Several times faster than the streaming evaluator; it lacks only delta-mode functions.
      result = toJS(evaluateSync(tree, options))
    } catch {
      result = await (await evaluate(tree, options)).get()
    }
    if (stats) Object.assign(stats, runtime.stats)
    return result === undefined ? null : result
  } catch (error) {
    throw new QueryExecutionError(error instanceof Error ? error.message : String(error))
  }
}
