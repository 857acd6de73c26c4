import {type ExprNode, GroqSyntaxError, parse} from 'groq-js'
import {LRUCache} from 'lru-cache'
import {checkQuerySize, checkTreeCost, type QueryLimits} from './limits'
import {withChildren} from './tree-children'

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

/**
 * A query's tree, parsed once per thread: a site sends the same few texts with other
 * parameters (a post page's query with each post's slug), and parsing is a third of such a
 * query's time. `parameters` are the names its `$parameters` read, in the tree's order.
 */
interface Parsed {
  tree: ExprNode
  parameters: string[]
  /** The nodes and arrays that hold a parameter somewhere below: only they are copied. */
  holding: WeakSet<object>
}

/**
 * Trees by query text when the tree does not depend on the parameters' values; otherwise
 * `VALUE_DEPENDENT` by text and trees by text and values. Bounded by entries and by the length of
 * the texts and values kept (a tree is some tens of times its text), so callers sending endless
 * new texts only push others out.
 */
const parsed = new LRUCache<string, Parsed | typeof VALUE_DEPENDENT>({max: 2000, maxSize: 2_000_000, sizeCalculation: (_tree, key) => key.length + 1})

/**
 * groq-js reads some parameters' values while parsing: a slice's bounds (`[$start...$end]`), a
 * bracket that is a number or a name (`[$index]`), an object key, and a custom function's own
 * `$parameters`, which a given parameter of the same name replaces. Such texts are parsed with
 * their parameters and kept by text and values.
 */
const VALUE_DEPENDENT = Symbol('value-dependent')
const DECLARES_FUNCTIONS = /\bfn\b/

/** Parses a query within the limits: its size before parsing, its cost before anything evaluates it. */
export function parseQuery(query: string, params: Record<string, unknown>, limits: QueryLimits): ExprNode {
  checkQuerySize(query, limits)
  let byText = parsed.get(`text:${query}`)
  if (!byText) {
    byText = parsedAlone(query)
    parsed.set(`text:${query}`, byText)
  }
  if (byText !== VALUE_DEPENDENT) {
    refuseMissing(query, byText.parameters, params)
    return byText.parameters.length === 0 ? byText.tree : withParameters(byText, params)
  }
  // Prefixed, so that no text can be taken for a text and values.
  const key = `values:${JSON.stringify([query, params])}`
  const withValues = parsed.get(key)
  if (withValues && withValues !== VALUE_DEPENDENT) return withValues.tree
  const tree = parseText(query, params)
  // Checked before it is kept: a kept tree is one that runs.
  refuseMissing(query, [...parameterNames(tree)], params)
  checkTreeCost(tree)
  parsed.set(key, {tree, parameters: [], holding: new WeakSet()})
  return tree
}

/** The text's tree without parameter values, or VALUE_DEPENDENT when their values would shape it. */
function parsedAlone(query: string): Parsed | typeof VALUE_DEPENDENT {
  if (DECLARES_FUNCTIONS.test(query)) return VALUE_DEPENDENT
  let tree: ExprNode
  try {
    tree = parse(query)
  } catch {
    // A slice or an object key needs a value to parse; a syntax error is reported from the parse with values.
    return VALUE_DEPENDENT
  }
  if (bracketsReadValues(tree)) return VALUE_DEPENDENT
  // A parameter's value is data, not syntax: the cost is the same whatever is given.
  checkTreeCost(tree)
  return {tree, parameters: [...parameterNames(tree)], holding: holdingParameters(tree)}
}

function holdingParameters(tree: ExprNode): WeakSet<object> {
  const holding = new WeakSet<object>()
  const visit = (node: unknown): boolean => {
    if (node === null || typeof node !== 'object') return false
    const record = node as Record<string, unknown>
    if (record.type === 'Value') return false
    const holds = record.type === 'Parameter' || (Array.isArray(node) ? node : Object.values(record)).map(visit).includes(true)
    if (holds) holding.add(node)
    return holds
  }
  visit(tree)
  return holding
}

/**
 * Whether a bracket holds an expression groq-js evaluates while parsing (its
 * `canConstantEvaluate`: values, parameters, arithmetic) that reads a parameter: with a
 * number or a string as its value, the bracket is an element or attribute access, not a filter.
 */
function bracketsReadValues(node: unknown): boolean {
  if (Array.isArray(node)) return node.some(bracketsReadValues)
  if (node === null || typeof node !== 'object') return false
  const record = node as Record<string, unknown>
  if (record.type === 'Value') return false
  if (record.type === 'Filter' && constantWithParameter(record.expr)) return true
  return Object.values(record).some(bracketsReadValues)
}

function constantWithParameter(node: unknown): boolean {
  const constant = (expr: Record<string, unknown>): 'parameter' | 'constant' | false => {
    switch (expr.type) {
      case 'Parameter':
        return 'parameter'
      case 'Value':
        return 'constant'
      case 'Group':
      case 'Pos':
      case 'Neg':
        return constant(expr.base as Record<string, unknown>)
      case 'OpCall': {
        if (!['+', '-', '*', '/', '%', '**'].includes(expr.op as string)) return false
        const left = constant(expr.left as Record<string, unknown>)
        const right = constant(expr.right as Record<string, unknown>)
        if (!left || !right) return false
        return left === 'parameter' || right === 'parameter' ? 'parameter' : 'constant'
      }
      default:
        return false
    }
  }
  return constant(node as Record<string, unknown>) === 'parameter'
}

function parseText(query: string, params: Record<string, unknown>): ExprNode {
  try {
    return parse(query, {params})
  } catch (error) {
    if (error instanceof GroqSyntaxError) {
      // groq-js reports a point; Sanity reports a range, which the client renders as a code frame.
      const start = Math.min(error.position, query.length)
      throw new QueryParseError(syntaxDescription(error), query, start, Math.min(start + 1, query.length))
    }
    // Other parse-time failures are about parameters, e.g. one that is referenced but not given.
    throw new QueryParseError(error instanceof Error ? error.message : String(error), query, 0, 0)
  }
}

/** groq-js would quietly read a missing parameter as null; the hosted API refuses the query. */
function refuseMissing(query: string, parameters: string[], params: Record<string, unknown>): void {
  const missing = parameters.find((name) => !(name in params))
  if (missing === undefined) return
  const start = Math.max(0, query.indexOf(`$${missing}`))
  throw new QueryParseError(`param $${missing} referenced, but not provided`, query, start, start + missing.length + 1)
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

/**
 * The tree groq-js makes when given `params`: each given parameter inlined as a Value holding
 * the caller's data. Only the nodes above a parameter are copied; the kept tree is shared and
 * never changed.
 */
function withParameters({tree, holding}: Parsed, params: Record<string, unknown>): ExprNode {
  const visit = (node: unknown): unknown => {
    if (node === null || typeof node !== 'object' || !holding.has(node)) return node
    const record = node as Record<string, unknown>
    if (record.type !== 'Parameter') return withChildren(node, visit)
    return Object.hasOwn(params, record.name as string) ? {type: 'Value', value: params[record.name as string]} : node
  }
  return visit(tree) as ExprNode
}

// groq-js appends the query and a caret to its message; the client draws its own code frame.
function syntaxDescription(error: GroqSyntaxError): string {
  const firstLine = error.message.split('\n')[0] ?? error.message
  return firstLine.replace(/^Syntax error in GROQ query at position \d+:?\s*/i, '') || firstLine
}
