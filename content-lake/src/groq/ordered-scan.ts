import type {ExprNode} from 'groq-js'
import {compareValues, isOrdered, type SortedEntry, type SortedIndex, typeRank} from '../store/sorted-index'
import type {SanityDocument} from '../types'
import type {Range} from './conditions'
import type {PlanRuntime} from './plan-runtime'

/** What `*[filter] | order(path dir, _id dir)[…]` needs from a type's sorted index. */
export interface OrderedScan {
  type: string
  path: readonly string[]
  descending: boolean
  /** Equal values in `_id` order, descending when a second key says so. */
  tiesDescending: boolean
  /** Where the filter confines the field. */
  range: Range
  /** How many matches the query reads. */
  limit: number
  /** Documents outside this set cannot match (a candidate list from another index). */
  keep: ReadonlySet<SanityDocument> | undefined
  /** The filter, evaluable on its own once the slots' values are given. */
  filter: ExprNode
  /** The filter as a test of one document, when the indexes tell all its conditions. */
  test?: (doc: SanityDocument, slots: readonly string[]) => boolean
}

type Span = [start: number, end: number]

/** The positions of the index whose value may satisfy `range` (a superset, as one contiguous span). */
function spanOf(range: Range, index: SortedIndex, slots: readonly string[]): Span {
  const whole: Span = [0, index.entries.length]
  if (range === 'unbounded') return whole
  if ('all' in range) {
    return range.all.map((part) => spanOf(part, index, slots)).reduce(([start, end], [from, to]) => [Math.max(start, from), Math.min(end, to)], whole)
  }
  if ('any' in range) {
    const spans = range.any.map((part) => spanOf(part, index, slots)).filter(([start, end]) => start < end)
    if (spans.length === 0) return [0, 0]
    return [Math.min(...spans.map(([start]) => start)), Math.max(...spans.map(([, end]) => end))]
  }
  const value = 'slot' in range.value ? slots[range.value.slot] : range.value.literal
  // `==` with null or an object may hold (they are equal to themselves); an order comparison with them never does.
  if (!isOrdered(value)) return range.op === '==' ? whole : [0, 0]
  const rank = typeRank(value)
  const before = index.firstNotBefore((key) => compareValues(key, value) < 0)
  const through = index.firstNotBefore((key) => compareValues(key, value) <= 0)
  // Only values of the same type compare.
  const typeStart = index.firstNotBefore((key) => typeRank(key) < rank)
  const typeEnd = index.firstNotBefore((key) => typeRank(key) <= rank)
  switch (range.op) {
    case '<':
      return [typeStart, before]
    case '<=':
      return [typeStart, through]
    case '>':
      return [through, typeEnd]
    case '>=':
      return [before, typeEnd]
    case '==':
      return [before, through]
  }
}

/** The index's entries in the query's order, a run of equal values at a time. */
function* runs(entries: readonly SortedEntry[], [start, end]: Span, descending: boolean): Generator<SortedEntry[]> {
  let at = descending ? end - 1 : start
  while (descending ? at >= start : at < end) {
    const key = entries[at]!.key
    let other = at
    const step = descending ? -1 : 1
    while (other + step >= start && other + step < end && compareValues(entries[other + step]!.key, key) === 0) other += step
    yield descending ? entries.slice(other, at + 1) : entries.slice(at, other + 1)
    at = other + step
  }
}

const FIRST_CHUNK = 16
const LARGEST_CHUNK = 1024

/**
 * The first `limit` documents, in the query's order, that the filter accepts, walking the
 * type's sorted index within the filter's range and stopping there: a superset of what the
 * query's slice reads, since groq-js filters, sorts and slices it again. Documents are
 * filtered in growing chunks, to keep groq-js's per-call cost small. Undefined when more than
 * `budget` index entries would have to be walked.
 */
export function orderedScan(
  scan: OrderedScan,
  runtime: PlanRuntime,
  slots: readonly string[],
  budget = Number.POSITIVE_INFINITY,
): SanityDocument[] | undefined {
  const {view} = runtime
  const index = view.orderedBy(scan.type, scan.path)
  const byId = scan.tiesDescending
    ? (a: SanityDocument, b: SanityDocument) => (a._id < b._id ? 1 : a._id > b._id ? -1 : 0)
    : (a: SanityDocument, b: SanityDocument) => (a._id < b._id ? -1 : a._id > b._id ? 1 : 0)
  const matches: SanityDocument[] = []
  let pending: SanityDocument[] = []
  let chunk = Math.min(FIRST_CHUNK, scan.limit)
  const flush = () => {
    const {test} = scan
    matches.push(...(test ? pending.filter((doc) => test(doc, slots)) : runtime.matching(pending, scan.filter, slots)))
    pending = []
    // Growing while matches are rare; no larger than what is still needed when they are not.
    chunk = Math.min(chunk * 2, LARGEST_CHUNK, Math.max(FIRST_CHUNK, scan.limit - matches.length))
  }
  let walked = 0
  for (const run of runs(index.entries, spanOf(scan.range, index, slots), scan.descending)) {
    walked += run.length
    if (walked > budget) return undefined
    runtime.stats.examined += run.length
    const shown: SanityDocument[] = []
    for (const {doc} of run) {
      const visible = view.shown(doc)
      if (visible && (!scan.keep || scan.keep.has(visible))) shown.push(visible)
    }
    // Stored ties are in stored `_id` order; a view may show a document under another id.
    pending.push(...(shown.length > 1 ? shown.sort(byId) : shown))
    if (pending.length >= chunk) flush()
    if (matches.length >= scan.limit) break
  }
  if (pending.length > 0 && matches.length < scan.limit) flush()
  return matches.slice(0, scan.limit)
}
