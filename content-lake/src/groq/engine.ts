import {evaluate, evaluateSync, type EvaluateOptions, type ExprNode, toJS} from 'groq-js'
import type {QueryView} from '../perspective'
import type {QueryLimits} from './limits'
import {parseQuery} from './parse'
import {readsDataset} from './conditions'
import {PlanRuntime, type PlanStats} from './plan-runtime'
import {plan} from './planner'
import {rewriteTextQueries} from './text-query'

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
