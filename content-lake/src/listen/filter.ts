import {evaluate, type ExprNode} from 'groq-js'
import {QueryParseError} from '../groq/parse'
import {checkTreeCost} from '../groq/limits'
import type {SanityDocument} from '../types'

export type DocumentFilter = (document: SanityDocument) => Promise<boolean>

// Listeners use only a query's top-level filter: projections, ordering and slices around it
// don't apply to a stream of changes, as with the hosted API.
const WRAPPERS = new Set(['Projection', 'Slice', 'PipeFuncCall', 'Map', 'FlatMap'])

/**
 * A filter runs on the lake's thread for every document of every write, once per listener, and
 * anyone may listen: within it, one level of iteration over the document's arrays (or over the
 * one document `*` stands for here) costs at most the document's size, while a level inside
 * another multiplies it. Studio's and the site's listeners filter on fields, ids and references.
 */
const LISTEN_FILTER_LIMITS = {maxDepth: 1, maxNodes: 500}

function topLevelFilter(node: ExprNode): ExprNode | null | undefined {
  let current: ExprNode = node
  while (WRAPPERS.has(current.type) && 'base' in current) current = current.base as ExprNode
  if (current.type === 'Everything') return null
  if (current.type === 'Filter' && current.base.type === 'Everything') return current.expr
  return undefined
}

/** Compiles a listener's parsed query into a test on one document. */
export function compileFilter(tree: ExprNode, query: string, params: Record<string, unknown>): DocumentFilter {
  const expr = topLevelFilter(tree)
  if (expr === undefined) {
    throw new QueryParseError('A listener query must be a filter such as *[_type == "post"]', query, 0, query.length)
  }
  if (expr === null) return async () => true
  checkTreeCost(expr, LISTEN_FILTER_LIMITS)
  const filter: ExprNode = {type: 'Filter', base: {type: 'Everything'}, expr}
  return async (document) => {
    const result = await (await evaluate(filter, {dataset: [document], params})).get()
    return Array.isArray(result) && result.length > 0
  }
}
