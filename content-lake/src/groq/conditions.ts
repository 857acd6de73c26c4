import {withChildren} from './tree-children'
import type {ExprNode} from 'groq-js'
import {isDocumentText} from './text-query'
import {termPrefixes} from './match-tokens'

/**
 * What the planner reads from a filter's conditions (groq-js 2.0.1's syntax tree, pinned): the
 * conjuncts, attribute paths, joins to the enclosing document, ranges on a field and the
 * words a `match` needs. Nothing here evaluates anything.
 */

type Node = ExprNode

export function conjuncts(node: Node): Node[] {
  if (node.type === 'And') return [...conjuncts(node.left), ...conjuncts(node.right)]
  if (node.type === 'Group') return conjuncts(node.base)
  return [node]
}

export function isAttribute(node: Node, name: string): boolean {
  return node.type === 'AccessAttribute' && node.name === name && node.base === undefined
}

/** `a.b.c` read from the filtered document: its path. */
export function attributePath(node: Node): string[] | undefined {
  const path: string[] = []
  let current: Node | undefined = node
  while (current?.type === 'AccessAttribute') {
    path.unshift(current.name)
    current = current.base
  }
  return current === undefined && path.length > 0 ? path : undefined
}

// Nodes that open a new scope: `^` inside them means something else, so joins through them are left alone.
const SCOPED = new Set(['Filter', 'Projection', 'Map', 'FlatMap', 'PipeFuncCall', 'Everything', 'Deref', 'Select'])

/**
 * An expression that reads only the enclosing scopes (`^`, `^.^`), rewritten to be evaluated
 * one scope further out, where the filter's base is evaluated. Undefined when it also reads
 * the filtered document itself.
 */
export function shiftOut(node: Node): Node | undefined {
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
export function joinTarget(node: Node): Node | undefined {
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

/**
 * The filter with every part that reads only the enclosing scopes replaced by a parameter
 * (`slots` collects those parts, shifted out, in order), so that it can be evaluated on its own
 * once their values are known. Undefined when `^` would still be read.
 */
export function detached(expr: Node, slots: Node[]): Node | undefined {
  let escapes = false
  const visit = (node: unknown): unknown => {
    if (node === null || typeof node !== 'object') return node
    if (Array.isArray(node)) return withChildren(node, visit)
    const current = node as Node
    if (current.type === 'Value') return current
    const shifted = shiftOut(current)
    if (shifted) return {type: 'Parameter', name: slotName(slotOf(shifted, slots))}
    if (current.type === 'Parent') escapes = true
    return withChildren(current, visit)
  }
  const result = visit(expr) as Node
  return escapes ? undefined : result
}

/** The position of an expression among the slots, added if new. */
export function slotOf(shifted: Node, slots: Node[]): number {
  const text = JSON.stringify(shifted)
  const found = slots.findIndex((slot) => JSON.stringify(slot) === text)
  return found === -1 ? slots.push(shifted) - 1 : found
}

/** A slot's parameter name: no query can name a parameter with a NUL in it. */
export function slotName(slot: number): string {
  return `\u0000slot${slot}`
}

type Comparison = '<' | '<=' | '>' | '>=' | '=='
const MIRRORED: Record<Comparison, Comparison> = {'<': '>', '<=': '>=', '>': '<', '>=': '<=', '==': '=='}

/** Where a conjunct confines a field: a comparison with a value known before the scan (a literal or a slot), or an and/or of them. */
export type Range = {op: Comparison; value: {literal: unknown} | {slot: number}} | {all: Range[]} | {any: Range[]} | 'unbounded'

export function rangeOf(node: Node, path: readonly string[], slots: Node[]): Range {
  const key = JSON.stringify(path)
  switch (node.type) {
    case 'Group':
      return rangeOf(node.base, path, slots)
    case 'And':
      return {all: [rangeOf(node.left, path, slots), rangeOf(node.right, path, slots)]}
    case 'Or':
      return {any: [rangeOf(node.left, path, slots), rangeOf(node.right, path, slots)]}
    case 'OpCall': {
      if (!(node.op in MIRRORED)) return 'unbounded'
      for (const [field, other, op] of [
        [node.left, node.right, node.op as Comparison],
        [node.right, node.left, MIRRORED[node.op as Comparison]],
      ] as const) {
        if (JSON.stringify(attributePath(field)) !== key) continue
        if (other.type === 'Value') return {op, value: {literal: other.value}}
        const shifted = shiftOut(other)
        if (shifted) return {op, value: {slot: slotOf(shifted, slots)}}
      }
      return 'unbounded'
    }
    default:
      return 'unbounded'
  }
}

/** Text `match` reads that the text index holds: fields outside system fields (and `_id`), `pt::text()` of them, the document's text. */
function isIndexedText(node: Node): boolean {
  switch (node.type) {
    case 'Group':
      return isIndexedText(node.base)
    case 'AccessAttribute': {
      const path = attributePath(node)
      return path !== undefined && (path.join('.') === '_id' || path.every((name) => !name.startsWith('_')))
    }
    case 'FuncCall':
      return node.namespace === 'pt' && node.name === 'text' && node.args.length === 1 && isIndexedText(node.args[0]!)
    case 'Array':
      return node.elements.every((element) => isIndexedText(element.value))
    case 'Deref':
      // text::query()'s `@`: the document's strings, looked up by its id (see text-query.ts).
      return isDocumentText(node)
    default:
      return false
  }
}

/** The strings of a `match` pattern, or undefined when it is not made of strings (groq-js then matches nothing). */
function patternStrings(node: Node): string[] | undefined {
  if (node.type !== 'Value') return undefined
  if (typeof node.value === 'string') return [node.value]
  if (Array.isArray(node.value) && node.value.every((item) => typeof item === 'string')) return node.value as string[]
  return undefined
}

/**
 * Which words a document must hold to satisfy a condition: each inner list is a set of
 * prefixes one word each must start with; the documents satisfying any of the lists are a
 * superset of those that satisfy the condition. `[]` means none can; undefined, that the
 * text index cannot tell.
 */
export function wordsNeeded(node: Node, all: boolean): string[][] | undefined {
  if (node.type === 'Group') return wordsNeeded(node.base, all)
  if (node.type === 'Or') {
    const left = wordsNeeded(node.left, all)
    const right = wordsNeeded(node.right, all)
    return left && right ? [...left, ...right] : undefined
  }
  if (node.type !== 'OpCall' || node.op !== 'match' || node.right.type !== 'Value' || !isIndexedText(node.left)) return undefined
  const patterns = patternStrings(node.right)
  const prefixes = patterns ? termPrefixes(patterns) : []
  // No term, or a pattern that is not text: nothing matches.
  if (prefixes.length === 0) return []
  if (all) {
    // Every term must match a word: the terms with a prefix narrow the search.
    const narrowing = prefixes.filter(Boolean)
    return narrowing.length > 0 ? [narrowing] : undefined
  }
  // score(): any one term matching a word counts.
  return prefixes.every(Boolean) ? prefixes.map((prefix) => [prefix]) : undefined
}

/** Whether evaluating the tree reads the whole dataset: `*`, or functions such as `releases::all()` that scan it. */
export function readsDataset(node: unknown): boolean {
  if (Array.isArray(node)) return node.some(readsDataset)
  if (node === null || typeof node !== 'object') return false
  const record = node as Record<string, unknown>
  if (record.type === 'Everything' || (record.type === 'FuncCall' && record.namespace === 'releases')) return true
  return record.type !== 'Value' && Object.values(record).some(readsDataset)
}

/**
 * A query of its own inside a filter (`*[_type == "category" && slug.current == $slug]._id`):
 * it starts from `*` and reads no enclosing scope (`^`), so it has one value for every
 * document the filter tests, and can be evaluated once before the filter runs.
 */
export function isConstantQuery(node: Node): boolean {
  let root: Node | undefined = node
  while (root && root.type !== 'Everything') root = 'base' in root ? (root.base as Node | undefined) : undefined
  return root !== undefined && !readsParent(node)
}

function readsParent(node: unknown): boolean {
  if (Array.isArray(node)) return node.some(readsParent)
  if (node === null || typeof node !== 'object') return false
  const record = node as Record<string, unknown>
  return record.type === 'Parent' || (record.type !== 'Value' && Object.values(record).some(readsParent))
}
