import type {ExprNode} from 'groq-js'

/**
 * A query the lake refuses to run, or stopped running, to stay responsive: too large, too
 * complex, over its time budget, or the lake is too busy. Sanity answers its own request limits
 * with the shape of its typed errors, `{error: {type, description}}` (as for `queryParseError`
 * and `httpInvalidRequestBody`); the hosted API documents the limits (an 11 KB GET query, a
 * one-minute query time) but not the exact type names, so the names here are the lake's.
 */
export class QueryLimitError extends Error {
  override name = 'QueryLimitError'
  constructor(
    readonly status: 400 | 413 | 422 | 503,
    readonly type: string,
    message: string,
    /** For 503: when the client may try again; @sanity/client retries 503 queries by itself. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message)
  }
}

export interface QueryLimits {
  /** The longest query text accepted, in UTF-8 bytes: groq-js takes time quadratic in it to parse. */
  maxQueryBytes: number
}

/**
 * Nesting of scopes (filters, projections, maps, ordering, sub-queries): each level can
 * multiply the work by the size of what it iterates, so a deep tree over a few documents can run
 * for minutes. Honest queries nest a handful of levels (the GROQ conformance suite: at most 10).
 */
export const MAX_SCOPE_DEPTH = 12
/** Syntax nodes in one query: honest queries of a few KB have a few hundred (the suite: at most 2,945, in 18 KB). */
export const MAX_QUERY_NODES = 5_000

/** Nodes whose expression runs once per element of what they iterate. */
const ITERATING = new Set(['Filter', 'Projection', 'Map', 'FlatMap', 'PipeFuncCall'])

export function checkQuerySize(query: string, {maxQueryBytes}: QueryLimits): void {
  const bytes = Buffer.byteLength(query, 'utf8')
  if (bytes > maxQueryBytes) {
    // 413 as for any request over Sanity's documented size limits.
    throw new QueryLimitError(
      413,
      'queryTooLargeError',
      `The query is ${bytes} bytes long; this lake accepts queries of at most ${maxQueryBytes} bytes. Move large values into parameters.`,
    )
  }
}

/**
 * How big a parsed tree is, and how deeply per-element work nests: entering the per-element
 * part of an iterating node (a filter's condition, a projection, a map) or reading `*` is one
 * level down; chaining (`a | {…} | {…}`, `*[…][…]`) is not, since each stage runs once.
 * Parameters' values are data, not syntax.
 */
export function measureTree(tree: ExprNode): {nodes: number; depth: number} {
  let nodes = 0
  let depth = 0
  // Iterative: a tree deep enough to matter would overflow a recursive walk.
  const pending: {node: unknown; depth: number}[] = [{node: tree, depth: 0}]
  while (pending.length > 0) {
    const {node, depth: level} = pending.pop()!
    if (Array.isArray(node)) {
      for (const child of node) pending.push({node: child, depth: level})
      continue
    }
    if (node === null || typeof node !== 'object') continue
    const record = node as Record<string, unknown>
    const type = record.type
    if (typeof type === 'string') nodes++
    if (type === 'Value') continue
    if (type === 'Everything') depth = Math.max(depth, level + 1)
    depth = Math.max(depth, level)
    const iterates = typeof type === 'string' && ITERATING.has(type)
    for (const [key, child] of Object.entries(record)) {
      if (child !== null && typeof child === 'object') {
        pending.push({node: child, depth: iterates && key !== 'base' ? level + 1 : level})
      }
    }
  }
  return {nodes, depth}
}

/** Refuses, before evaluation, a tree too big or too deeply nested to evaluate in reasonable time. */
export function checkTreeCost(tree: ExprNode, limits = {maxNodes: MAX_QUERY_NODES, maxDepth: MAX_SCOPE_DEPTH}): void {
  const {nodes, depth} = measureTree(tree)
  if (nodes > limits.maxNodes) {
    throw new QueryLimitError(400, 'queryTooComplexError', `The query has ${nodes} syntax nodes; this lake evaluates at most ${limits.maxNodes}.`)
  }
  if (depth > limits.maxDepth) {
    throw new QueryLimitError(
      400,
      'queryTooComplexError',
      `The query nests filters, projections and sub-queries ${depth} levels deep; this lake evaluates at most ${limits.maxDepth}.`,
    )
  }
}
