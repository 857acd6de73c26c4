import type {ExprNode} from 'groq-js'
import type {QueryView} from '../perspective'
import {compareValues, isOrdered, typeRank, valueAt} from '../store/sorted-index'
import type {Sparse} from '../store/sparse'
import type {SanityDocument} from '../types'
import {attributePath, joinTarget, shiftOut, slotOf} from './conditions'
import {type DocumentSet, indexedMatch, matchingDocuments, wordFrequencies} from './indexed-text'
import type {PlanRuntime} from './plan-runtime'

/**
 * What an index tells exactly about one condition of a filter (a conjunct): the documents that
 * satisfy it, a test of one document, or both; the planner filters, counts and narrows with it.
 */

type Node = ExprNode
type Any = Record<string, unknown>

export const compareIds = (a: SanityDocument, b: SanityDocument) => (a._id < b._id ? -1 : a._id > b._id ? 1 : 0)

/** Merges lists in `_id` order into one, without duplicates. */
export function union(lists: readonly (readonly SanityDocument[])[]): readonly SanityDocument[] {
  if (lists.length === 1) return lists[0]!
  return [...new Set(lists.flat())].sort(compareIds)
}

type Primitive = string | number | boolean

/**
 * Per term of `node`, a `match`, each visible document's count of matching words, from the term
 * index; undefined while its sources are being built, null when it is no `match` the index
 * reads. Counted once per query (a search's filter, count and score read the same words).
 */
export function matchFrequencies(node: Node, runtime: PlanRuntime): Sparse[] | undefined | null {
  const match = indexedMatch(node)
  if (!match) return null
  return runtime.remember(`words\u0000${JSON.stringify([node])}`, () => wordFrequencies(runtime.view, match))
}

/** The visible documents for which `node`, a `match`, is true (see `matchFrequencies`). */
export function matched(node: Node, runtime: PlanRuntime): DocumentSet | undefined | null {
  const counted = matchFrequencies(node, runtime)
  return counted && runtime.remember(`match\u0000${JSON.stringify([node])}`, () => matchingDocuments(runtime.view, counted))
}

/** A literal's value: a parameter or literal, or an array written of them (`["post", "page"]`). */
function literalValue(node: Node): unknown {
  if (node.type === 'Value') return node.value
  if (node.type !== 'Array' || node.elements.some(({isSplat, value}) => isSplat || value.type !== 'Value')) return undefined
  return node.elements.map(({value}) => (value as Extract<Node, {type: 'Value'}>).value)
}

/** `attribute == literal` or `attribute in [literals]`, either side. */
export function comparedValues(node: Node, op: '==' | 'in'): {path: string[]; values: unknown[]} | undefined {
  if (node.type !== 'OpCall' || node.op !== op) return undefined
  const sides = op === '==' ? [[node.left, node.right] as const, [node.right, node.left] as const] : [[node.left, node.right] as const]
  for (const [attribute, value] of sides) {
    const path = attributePath(attribute)
    const literal = literalValue(value)
    if (!path || literal === undefined) continue
    if (op === '==') return {path, values: [literal]}
    return Array.isArray(literal) ? {path, values: literal} : undefined
  }
  return undefined
}

/** The conjunct `_type == "t"` of a filter, if it has one: its position. */
export function typeConjunct(all: readonly Node[]): number {
  return all.findIndex((conjunct) => {
    const compared = comparedValues(conjunct, '==')
    return compared?.path.join('.') === '_type' && typeof compared.values[0] === 'string'
  })
}

const isPrimitive = (value: unknown): value is Primitive => ['string', 'number', 'boolean'].includes(typeof value)

/**
 * What an index answers exactly about one conjunct: the documents satisfying it (undefined when
 * no index lists them) and a test of one document (undefined when it can't be told without groq-js).
 */
export interface Exact {
  documents?: (view: QueryView) => readonly SanityDocument[]
  /** The documents listed are all of the filter's single type (a value index's). */
  withinType?: true
  /** The documents listed may not all satisfy the conjunct (the reference index's): `test` still decides. */
  superset?: true
  test?: (doc: SanityDocument, slots: readonly string[]) => boolean
}

/** The ids `references(<literal>)` names: a string, or the strings of an array (groq-js ignores anything else in it). */
function referencedLiterals(argument: Node): string[] | undefined {
  if (argument.type !== 'Value') return undefined
  const {value} = argument
  if (typeof value === 'string') return [value]
  return Array.isArray(value) ? value.filter((id): id is string => typeof id === 'string') : undefined
}

/** groq-js's `references()` on one document: the first `_ref` found on a path decides it. */
function hasReference(value: unknown, id: string): boolean {
  if (Array.isArray(value)) return value.some((item) => hasReference(item, id))
  if (value === null || typeof value !== 'object') return false
  const record = value as Any
  if (record._ref) return record._ref === id
  return Object.values(record).some((child) => hasReference(child, id))
}

const ORDERINGS: Record<string, (order: number) => boolean> = {'<': (o) => o < 0, '<=': (o) => o <= 0, '>': (o) => o > 0, '>=': (o) => o >= 0}
const MIRROR: Record<string, string> = {'<': '>', '<=': '>=', '>': '<', '>=': '<='}

/** `a.b < literal` (any order comparison, either side): groq-js compares only values of one ordered type. */
function comparison(node: Node): {path: string[]; holds: (value: unknown) => boolean} | undefined {
  if (node.type !== 'OpCall' || !(node.op in ORDERINGS)) return undefined
  for (const [field, other, op] of [
    [node.left, node.right, node.op],
    [node.right, node.left, MIRROR[node.op]!],
  ] as const) {
    const path = attributePath(field)
    if (!path || other.type !== 'Value' || !isOrdered(other.value)) continue
    const literal = other.value
    const ordering = ORDERINGS[op]!
    return {path, holds: (value) => typeRank(value) === typeRank(literal) && ordering(compareValues(value, literal))}
  }
  return undefined
}

export function exactly(node: Node, type: string | undefined, slots: Node[], runtime: PlanRuntime): Exact {
  const found = matched(node, runtime)
  if (found !== null) {
    if (!found) return {}
    return {
      documents: (view) => (type === undefined ? [...found.keys()].sort(compareIds) : view.ofType(type).filter((doc) => found.has(doc))),
      ...(type === undefined ? {} : {withinType: true as const}),
      test: (doc) => found.has(doc),
    }
  }
  for (const op of ['==', 'in'] as const) {
    const compared = comparedValues(node, op)
    if (!compared) continue
    const name = compared.path.join('.')
    if ((name === '_id' || name === '_type') && compared.values.every((value) => typeof value === 'string')) {
      const values = [...new Set(compared.values as string[])]
      const accepted = new Set(values)
      if (name === '_type') {
        return {
          documents: (view) => (values.length === 1 ? view.ofType(values[0]!) : union(values.map((value) => view.ofType(value)))),
          test: (doc) => accepted.has(doc._type),
        }
      }
      return {
        documents: (view) =>
          values
            .map((id) => view.get(id))
            .filter((doc): doc is SanityDocument => doc !== undefined)
            .sort(compareIds),
        test: (doc) => accepted.has(doc._id),
      }
    }
    if (op === '==' && isPrimitive(compared.values[0]) && name !== '_id' && name !== '_type') {
      const value = compared.values[0]
      const path = compared.path
      return {
        // Within one type, `slug.current == $slug` or `status == "pending"` go through a value index.
        ...(type === undefined ? {} : {documents: (view: QueryView) => view.ofTypeWithValue(type, path, value), withinType: true as const}),
        test: (doc) => valueAt(doc, path) === value,
      }
    }
  }
  // `post._ref == ^._id`: the enclosing document's value is a string (or the lookup falls back).
  const same = sameValue(node, slots)
  if (same) return {test: (doc, values) => valueAt(doc, same.path) === values[same.slot]}
  if (node.type === 'OpCall' && node.op === 'in' && node.left.type === 'Value' && isPrimitive(node.left.value)) {
    // `"Topic 1" in tags`: true when the array holds the value; not an array, no match.
    const path = attributePath(node.right)
    const value = node.left.value
    if (path) return {test: (doc) => (valueAt(doc, path) as unknown[] | null)?.includes?.(value) === true}
  }
  const compared = comparison(node)
  if (compared) {
    const {path, holds} = compared
    return {test: (doc) => holds(valueAt(doc, path))}
  }
  if (node.type === 'Value' && typeof node.value === 'boolean') {
    const value = node.value
    return {test: () => value}
  }
  if (node.type === 'FuncCall' && node.namespace === 'global' && node.args.length === 1) {
    const [argument] = node.args
    const path = attributePath(argument!)
    if (node.name === 'defined' && path) return {test: (doc) => valueAt(doc, path) !== null}
    if (node.name === 'references') {
      const ids = referencedLiterals(argument!)
      if (ids) {
        return {
          // Not `withinType`: the referencing documents are of any type.
          documents: (view) => union(ids.map((id) => view.referencing(id))),
          superset: true,
          test: (doc) => ids.some((id) => hasReference(doc, id)),
        }
      }
      const target = joinTarget(node)
      if (target) {
        const slot = slotOf(target, slots)
        return {test: (doc, values) => hasReference(doc, values[slot]!)}
      }
    }
  }
  return {}
}

/** The shortest of the lists. */
export function smallest<T extends {length: number}>(lists: readonly T[]): T | undefined {
  return lists.reduce<T | undefined>((best, list) => (best === undefined || list.length < best.length ? list : best), undefined)
}

/** `a.b == ^.c`, either side: the field and the slot of the enclosing document's value. */
export function sameValue(node: Node, slots: Node[]): {path: string[]; slot: number} | undefined {
  if (node.type !== 'OpCall' || node.op !== '==') return undefined
  for (const [field, other] of [
    [node.left, node.right],
    [node.right, node.left],
  ] as const) {
    const path = attributePath(field)
    const target = path && shiftOut(other)
    if (target) return {path: path!, slot: slotOf(target, slots)}
  }
  return undefined
}
