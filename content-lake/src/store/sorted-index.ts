import type {SanityDocument} from '../types'

/**
 * GROQ's `order()` as groq-js 2.0.1 sorts stored values: by type first (numbers, then strings,
 * then booleans, then everything else: null, missing, objects and arrays, which all tie), then
 * by value within a type. Stored JSON holds no datetimes (only `dateTime()` makes them).
 */
export function typeRank(value: unknown): number {
  switch (typeof value) {
    case 'number':
      return 2
    case 'string':
      return 3
    case 'boolean':
      return 4
    default:
      return 100
  }
}

export function compareValues(a: unknown, b: unknown): number {
  const byRank = typeRank(a) - typeRank(b)
  if (byRank !== 0) return byRank
  if (typeof a === 'number' || typeof a === 'boolean') return Number(a) - Number(b)
  if (typeof a === 'string') return a < (b as string) ? -1 : a > (b as string) ? 1 : 0
  return 0
}

/** Whether GROQ's `<`, `>`, `<=`, `>=` can hold between a value and `value`: only within one of the three ordered types. */
export function isOrdered(value: unknown): value is string | number | boolean {
  return typeRank(value) < 100
}

/** A value at an attribute path, as GROQ reads `a.b.c` on a document: null past anything that is not an object. */
export function valueAt(doc: SanityDocument, path: readonly string[]): unknown {
  let current: unknown = doc
  for (const key of path) {
    if (current === null || typeof current !== 'object' || Array.isArray(current)) return null
    current = (current as Record<string, unknown>)[key]
  }
  return current ?? null
}

export interface SortedEntry {
  key: unknown
  doc: SanityDocument
}

const compareIds = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)

function compareEntries(a: SortedEntry, b: SortedEntry): number {
  return compareValues(a.key, b.key) || compareIds(a.doc._id, b.doc._id)
}

/**
 * One type's stored documents sorted by the value at one attribute path, in GROQ's order, ties
 * by `_id`: built once, then kept current document by document.
 */
export class SortedIndex {
  readonly entries: SortedEntry[]

  constructor(
    readonly path: readonly string[],
    documents: readonly SanityDocument[],
  ) {
    this.entries = documents.map((doc) => ({key: valueAt(doc, path), doc})).sort(compareEntries)
  }

  /** The first position whose entry is not before `entry`. */
  private position(entry: SortedEntry): number {
    let low = 0
    let high = this.entries.length
    while (low < high) {
      const middle = (low + high) >>> 1
      if (compareEntries(this.entries[middle]!, entry) < 0) low = middle + 1
      else high = middle
    }
    return low
  }

  remove(doc: SanityDocument): void {
    const at = this.position({key: valueAt(doc, this.path), doc})
    if (this.entries[at]?.doc._id === doc._id) this.entries.splice(at, 1)
  }

  add(doc: SanityDocument): void {
    const entry = {key: valueAt(doc, this.path), doc}
    this.entries.splice(this.position(entry), 0, entry)
  }

  /** The first position whose key is not `before` (which must hold for a prefix of the entries). */
  firstNotBefore(before: (key: unknown) => boolean): number {
    let low = 0
    let high = this.entries.length
    while (low < high) {
      const middle = (low + high) >>> 1
      if (before(this.entries[middle]!.key)) low = middle + 1
      else high = middle
    }
    return low
  }
}
