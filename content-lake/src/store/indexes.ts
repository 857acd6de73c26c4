import type {DocumentChange, SanityDocument} from '../types'
import {SortedIndex} from './sorted-index'
import {TermIndex} from './term-index'
import {TextIndex} from './text-index'

function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

/** Position of `id` in an array sorted by `_id`, or where it would go. */
function position(sorted: readonly SanityDocument[], id: string): number {
  let low = 0
  let high = sorted.length
  while (low < high) {
    const middle = (low + high) >>> 1
    if (sorted[middle]!._id < id) low = middle + 1
    else high = middle
  }
  return low
}

function remove(sorted: SanityDocument[], id: string): void {
  const at = position(sorted, id)
  if (sorted[at]?._id === id) sorted.splice(at, 1)
}

function insert(sorted: SanityDocument[], doc: SanityDocument): void {
  const at = position(sorted, doc._id)
  if (sorted[at]?._id === doc._id) sorted[at] = doc
  else sorted.splice(at, 0, doc)
}

/** Every `_ref` in a document, at any depth: what `references()` looks at. */
export function referencedIds(value: unknown, found = new Set<string>()): Set<string> {
  if (Array.isArray(value)) {
    for (const item of value) referencedIds(item, found)
  } else if (value !== null && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      if (key === '_ref' && typeof child === 'string') found.add(child)
      else referencedIds(child, found)
    }
  }
  return found
}

/**
 * Indexes over a dataset's stored documents, kept up to date commit by commit (never rebuilt):
 * all documents and each type's documents in `_id` order (the order of unordered results),
 * who references whom, and, built on first use, each type's documents sorted by a field and
 * the words of every document.
 */
export class DocumentIndexes {
  readonly sorted: SanityDocument[]
  private readonly types = new Map<string, SanityDocument[]>()
  private readonly referrers = new Map<string, Set<string>>()
  /** By type, then by attribute path (joined with NUL, which no attribute name holds). */
  private readonly sortedBy = new Map<string, Map<string, SortedIndex>>()
  private words: TextIndex | undefined
  private termCounts: TermIndex | undefined
  /** How many documents have a top-level `_score`, which groq-js's `score()` starts from. */
  private scoreFields = 0

  constructor(documents: Iterable<SanityDocument>) {
    // Never spread the documents into a call: a dataset of 150,000 overflows the stack.
    this.sorted = [...documents].sort((a, b) => compareIds(a._id, b._id))
    for (const doc of this.sorted) {
      this.ofTypeMutable(doc._type).push(doc)
      this.addReferences(doc)
      if ('_score' in doc) this.scoreFields++
    }
  }

  private ofTypeMutable(type: string): SanityDocument[] {
    let list = this.types.get(type)
    if (!list) {
      list = []
      this.types.set(type, list)
    }
    return list
  }

  ofType(type: string): readonly SanityDocument[] {
    return this.types.get(type) ?? []
  }

  /** A type's stored documents in GROQ's order of the value at `path`, ties by `_id`. */
  orderedBy(type: string, path: readonly string[]): SortedIndex {
    let byPath = this.sortedBy.get(type)
    if (!byPath) {
      byPath = new Map()
      this.sortedBy.set(type, byPath)
    }
    const key = path.join('\u0000')
    let index = byPath.get(key)
    if (!index) {
      index = new SortedIndex(path, this.ofType(type))
      byPath.set(key, index)
    }
    return index
  }

  /** The words of every stored document, for text search: built in the background from the first use on. */
  get text(): TextIndex {
    // A copy: the build reads it over several steps while commits change the list.
    this.words ??= new TextIndex([...this.sorted])
    return this.words
  }

  /** How often each word occurs in each document, per field searched: built per field from its first search on. */
  get terms(): TermIndex {
    this.termCounts ??= new TermIndex(() => this.sorted)
    return this.termCounts
  }

  /** Frees the text indexes' memory; call it when these indexes are replaced. */
  close(): void {
    this.words?.close()
    this.termCounts?.close()
  }

  /** Ids of the documents that hold a reference to `id`. */
  referencing(id: string): ReadonlySet<string> {
    return this.referrers.get(id) ?? new Set()
  }

  private addReferences(doc: SanityDocument): void {
    for (const target of referencedIds(doc)) {
      let sources = this.referrers.get(target)
      if (!sources) {
        sources = new Set()
        this.referrers.set(target, sources)
      }
      sources.add(doc._id)
    }
  }

  private removeReferences(doc: SanityDocument): void {
    for (const target of referencedIds(doc)) {
      const sources = this.referrers.get(target)
      sources?.delete(doc._id)
      if (sources?.size === 0) this.referrers.delete(target)
    }
  }

  /** Whether any document has a top-level `_score` field. */
  get holdsScoreField(): boolean {
    return this.scoreFields > 0
  }

  apply({id, before, after}: DocumentChange): void {
    if (before && '_score' in before) this.scoreFields--
    if (after && '_score' in after) this.scoreFields++
    if (before && after && before._type === after._type) {
      // The common case, an edit: same place in both lists, so swap in place instead of splicing.
      insert(this.sorted, after)
      insert(this.ofTypeMutable(after._type), after)
    } else {
      if (before) {
        remove(this.sorted, id)
        remove(this.ofTypeMutable(before._type), id)
      }
      if (after) {
        insert(this.sorted, after)
        insert(this.ofTypeMutable(after._type), after)
      }
    }
    if (before) this.removeReferences(before)
    if (after) this.addReferences(after)
    if (before) for (const index of this.sortedBy.get(before._type)?.values() ?? []) index.remove(before)
    if (after) for (const index of this.sortedBy.get(after._type)?.values() ?? []) index.add(after)
    this.words?.apply(id, after)
    this.termCounts?.apply(id, after)
  }
}
