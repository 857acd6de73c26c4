import {evaluate, type ExprNode, parse} from 'groq-js'
import {QueryParseError} from '../groq/engine'
import type {SanityDocument} from '../types'

export type DocumentFilter = (document: SanityDocument) => Promise<boolean>

// Listeners use only a query's top-level filter: projections, ordering and slices around it
// don't apply to a stream of changes, as with the hosted API.
const WRAPPERS = new Set(['Projection', 'Slice', 'PipeFuncCall', 'Map', 'FlatMap'])

function topLevelFilter(node: ExprNode): ExprNode | null | undefined {
  let current: ExprNode = node
  while (WRAPPERS.has(current.type) && 'base' in current) current = current.base as ExprNode
  if (current.type === 'Everything') return null
  if (current.type === 'Filter' && current.base.type === 'Everything') return current.expr
  return undefined
}

/** Compiles a listener's query into a test on one document. */
export function compileFilter(query: string, params: Record<string, unknown>): DocumentFilter {
  let tree: ExprNode
  try {
    tree = parse(query, {params})
  } catch (error) {
    throw new QueryParseError(error instanceof Error ? error.message : String(error), query, 0, query.length)
  }
  const expr = topLevelFilter(tree)
  if (expr === undefined) {
    throw new QueryParseError('A listener query must be a filter such as *[_type == "post"]', query, 0, query.length)
  }
  if (expr === null) return async () => true
  const filter: ExprNode = {type: 'Filter', base: {type: 'Everything'}, expr}
  return async (document) => {
    const result = await (await evaluate(filter, {dataset: [document], params})).get()
    return Array.isArray(result) && result.length > 0
  }
}
