import type {ExprNode} from 'groq-js'
import type {QueryView} from '../perspective'
import type {SanityDocument} from '../types'
import {documentText, TEXT_MARKER} from './text-query'

/**
 * Index-aware rewriting of a parsed GROQ query (groq-js 2.0.1's syntax tree, which is not a
 * public API: the version is pinned). groq-js evaluates `*[filter]` by scanning every
 * document; here the `*` of a filter is swapped for a smaller candidate list whenever a
 * top-level conjunct of the filter allows it. The filter itself still runs on the candidates,
 * so candidates only need to be a superset, in the same `_id` order as `*`.
 *
 * - `_id == "x"`, `_id in [...]`: the documents with those ids.
 * - `_type == "t"`, `_type in [...]`: the documents of those types; with `_type == "t"`, also
 *   `a.b == <literal>`: the documents of that type with that value (an index built on first use).
 * - `references(^.x)`, `a._ref == ^.x` (a join to the enclosing document): the documents that
 *   reference it, found at run time through the `dereference` hook, since the id is only known
 *   per enclosing document. When the id turns out not to be a string, the whole `*` is used.
 */

type Node = ExprNode
type Any = Record<string, unknown>

/** The key prefix that marks a planner lookup in the `dereference` hook; no document id holds a NUL. */
const REFERRERS_MARKER = '\u0000referencing\u0000'

function isAttribute(node: Node, name: string): boolean {
  return node.type === 'AccessAttribute' && node.name === name && node.base === undefined
}

function conjuncts(node: Node): Node[] {
  if (node.type === 'And') return [...conjuncts(node.left), ...conjuncts(node.right)]
  if (node.type === 'Group') return conjuncts(node.base)
  return [node]
}

// Nodes that open a new scope: `^` inside them means something else, so joins through them are left alone.
const SCOPED = new Set(['Filter', 'Projection', 'Map', 'FlatMap', 'PipeFuncCall', 'Everything', 'Deref', 'Select'])

/**
 * An expression that reads only the enclosing scopes (`^`, `^.^`), rewritten to be evaluated
 * one scope further out, where the filter's base is evaluated. Undefined when it also reads
 * the filtered document itself.
 */
function shiftOut(node: Node): Node | undefined {
  let usesParent = false
  const shift = (current: Node): Node | undefined => {
    switch (current.type) {
      case 'Parent':
        usesParent = true
        return current.n === 1 ? {type: 'This'} : {type: 'Parent', n: current.n - 1}
      case 'Value':
        return current
      case 'AccessAttribute': {
        if (current.base === undefined) return undefined
        const base = shift(current.base)
        return base && {...current, base}
      }
      case 'AccessElement': {
        const base = shift(current.base)
        return base && {...current, base}
      }
      default:
        return undefined
    }
  }
  const shifted = shift(node)
  return shifted && usesParent ? shifted : undefined
}

/** The join in a conjunct, if it is one: the expression giving the id the documents must reference. */
function joinTarget(node: Node): Node | undefined {
  if (node.type === 'FuncCall' && node.name === 'references' && node.namespace === 'global' && node.args.length === 1) {
    return shiftOut(node.args[0]!)
  }
  if (node.type === 'OpCall' && node.op === '==') {
    const isRef = (side: Node) => side.type === 'AccessAttribute' && side.name === '_ref' && side.base !== undefined && !SCOPED.has(side.base.type)
    if (isRef(node.left)) return shiftOut(node.right)
    if (isRef(node.right)) return shiftOut(node.left)
  }
  return undefined
}

const compareIds = (a: SanityDocument, b: SanityDocument) => (a._id < b._id ? -1 : a._id > b._id ? 1 : 0)

/** Candidates for `_id == "x"`, `_id in [...]`, `_type == "t"` or `_type in [...]`. */
function staticCandidates(node: Node, view: QueryView): readonly SanityDocument[] | undefined {
  if (node.type !== 'OpCall' || (node.op !== '==' && node.op !== 'in')) return undefined
  const indexed = (side: Node) => isAttribute(side, '_id') || isAttribute(side, '_type')
  const [attribute, value] = node.op === '==' && !indexed(node.left) ? [node.right, node.left] : [node.left, node.right]
  if (attribute.type !== 'AccessAttribute' || !indexed(attribute) || value.type !== 'Value') return undefined
  const values: unknown[] | undefined = node.op === 'in' ? (Array.isArray(value.value) ? value.value : undefined) : [value.value]
  if (!values?.every((item): item is string => typeof item === 'string')) return undefined
  const unique = [...new Set(values as string[])]
  if (attribute.name === '_type') {
    return unique.length === 1 ? view.ofType(unique[0]!) : unique.flatMap((type) => view.ofType(type)).sort(compareIds)
  }
  return unique
    .map((id) => view.get(id))
    .filter((doc): doc is SanityDocument => doc !== undefined)
    .sort(compareIds)
}

type Primitive = string | number | boolean

/** `a.b.c == <string, number or boolean>`: the attribute path and the value. */
function attributeEquality(node: Node): {path: string[]; value: Primitive} | undefined {
  if (node.type !== 'OpCall' || node.op !== '==') return undefined
  for (const [attribute, value] of [
    [node.left, node.right],
    [node.right, node.left],
  ] as const) {
    if (value.type !== 'Value' || !['string', 'number', 'boolean'].includes(typeof value.value)) continue
    const path: string[] = []
    let current: Node | undefined = attribute
    while (current?.type === 'AccessAttribute') {
      path.unshift(current.name)
      current = current.base
    }
    if (current === undefined && path.length > 0 && path[0] !== '_id' && path[0] !== '_type') {
      return {path, value: value.value as Primitive}
    }
  }
  return undefined
}

/** The single `_type == "t"` of a filter, if it has one. */
function singleType(node: Node): string | undefined {
  if (node.type !== 'OpCall' || node.op !== '==') return undefined
  const [attribute, value] = isAttribute(node.left, '_type') ? [node.left, node.right] : [node.right, node.left]
  return isAttribute(attribute, '_type') && value.type === 'Value' && typeof value.value === 'string' ? value.value : undefined
}

function candidatesBase(filter: Node, view: QueryView): Node | undefined {
  if (filter.type !== 'Filter' || filter.base.type !== 'Everything') return undefined
  let smallest: readonly SanityDocument[] | undefined
  let join: Node | undefined
  const all = conjuncts(filter.expr)
  const type = all.map(singleType).find((found) => found !== undefined)
  for (const conjunct of all) {
    const equality = type === undefined ? undefined : attributeEquality(conjunct)
    // Within one type, `slug.current == $slug` or `status == "pending"` go through a value index.
    const found = equality ? view.ofTypeWithValue(type!, equality.path, equality.value) : staticCandidates(conjunct, view)
    if (found && (!smallest || found.length < smallest.length)) smallest = found
    join ??= joinTarget(conjunct)
  }
  // A lookup by id beats everything; a join usually beats a whole type.
  if (smallest && (smallest.length <= 1 || !join)) return {type: 'Value', value: smallest}
  if (join) {
    const key: Node = {type: 'OpCall', op: '+', left: {type: 'Value', value: REFERRERS_MARKER}, right: join}
    return {
      type: 'FuncCall',
      namespace: 'global',
      name: 'coalesce',
      args: [{type: 'Deref', base: {type: 'Object', attributes: [{type: 'ObjectAttributeValue', name: '_ref', value: key}]}}, {type: 'Everything'}],
    } as Node
  }
  return undefined
}

/** Rewrites every filter of `*` in the tree; the input tree is not modified. */
export function plan(tree: Node, view: QueryView): Node {
  const visit = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(visit)
    if (node === null || typeof node !== 'object') return node
    const record = node as Any
    // Values carry the caller's data, not syntax.
    if (record.type === 'Value') return node
    const rewritten = Object.fromEntries(Object.entries(record).map(([key, child]) => [key, visit(child)])) as unknown as Node
    const base = candidatesBase(rewritten, view)
    return base ? {...rewritten, base} : rewritten
  }
  return visit(tree) as Node
}

/** The `dereference` hook for a view: answers `->` by id, the planner's join lookups and `text::query()`'s document text. */
export function dereferenceIn(view: QueryView) {
  // A search reads a document's text once per term: collected once per query.
  const texts = new Map<string, string[]>()
  return ({_ref}: {_ref: string}): SanityDocument | readonly SanityDocument[] | string[] | null => {
    if (_ref.startsWith(REFERRERS_MARKER)) return view.referencing(_ref.slice(REFERRERS_MARKER.length))
    if (_ref.startsWith(TEXT_MARKER)) {
      const id = _ref.slice(TEXT_MARKER.length)
      let text = texts.get(id)
      if (!text) {
        text = documentText(view.get(id))
        texts.set(id, text)
      }
      return text
    }
    return view.get(_ref) ?? null
  }
}
