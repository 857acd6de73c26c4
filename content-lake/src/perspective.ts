import {isDraftId, isPrivateId, isVersionId, publishedId} from './ids'
import {LRUCache} from 'lru-cache'
import {DocumentIndexes} from './store/indexes'
import type {SortedIndex} from './store/sorted-index'
import {type Sparse, SparseBuilder} from './store/sparse'
import {ID_SOURCE, PUBLISHED_ID_SOURCE, type TermPattern, type TextSource} from './store/term-index'
import type {SanityDocument} from './types'

export type Perspective = 'raw' | 'published' | 'drafts'

export class PerspectiveError extends Error {
  override name = 'PerspectiveError'
}

// The hosted API switched its default from `raw` to `published` with this API version.
const PUBLISHED_BY_DEFAULT_SINCE = '2025-02-19'

export function parsePerspective(value: string | null, apiVersion: string): Perspective {
  if (value === null || value === '') {
    return apiVersion >= PUBLISHED_BY_DEFAULT_SINCE ? 'published' : 'raw'
  }
  if (value === 'previewDrafts') return 'drafts' // the deprecated name
  if (value === 'raw' || value === 'published' || value === 'drafts') return value
  throw new PerspectiveError(`Invalid perspective "${value}": use "published", "drafts" or "raw"`)
}

/** The documents one perspective shows one caller, with the lookups the query planner uses. */
export interface QueryView {
  /** Every visible document in `_id` order: what `*` is. */
  documents(): readonly SanityDocument[]
  /** The visible documents that may have this `_type`, in `_id` order. */
  ofType(type: string): readonly SanityDocument[]
  get(id: string): SanityDocument | undefined
  /** The visible documents that may reference `id`, in `_id` order. */
  referencing(id: string): readonly SanityDocument[]
  /** The visible documents of a type whose value at `path` is exactly `value`, in `_id` order. */
  ofTypeWithValue(type: string, path: readonly string[], value: string | number | boolean): readonly SanityDocument[]
  /** A type's stored documents sorted by the value at `path` (see `shown` for what this view makes of each). */
  orderedBy(type: string, path: readonly string[]): SortedIndex
  /** The document a stored document is in this view, if it is in it (a draft shows under its published id). */
  shown(stored: SanityDocument): SanityDocument | undefined
  /**
   * The visible documents (of `type`, if given) that may hold, for each canonical prefix, a
   * word starting with it in their text (see store/text-index.ts), in `_id` order; undefined
   * when more than `atMost` stored documents may.
   */
  withWords(prefixes: readonly string[], type: string | undefined, atMost: number): readonly SanityDocument[] | undefined
  /** Where a visible document is in `documents()` (what per-document arrays are indexed by); -1 when it is not visible. */
  ordinal(doc: SanityDocument): number
  /**
   * For the visible documents (by `ordinal`) whose text from `sources` holds words matching
   * `term`, how many (see store/term-index.ts); undefined while the index of a source is being built.
   */
  wordCounts(sources: readonly TextSource[], term: TermPattern): Sparse | undefined
  /** Whether a stored document may have a top-level `_score`, which `score()` adds to. */
  holdsScoreField(): boolean
}

export interface ViewSource {
  indexes: DocumentIndexes
  get(id: string): SanityDocument | undefined
}

function byId(a: SanityDocument, b: SanityDocument): number {
  return a._id < b._id ? -1 : a._id > b._id ? 1 : 0
}

function memo<T>(compute: () => T): () => T {
  let value: T | undefined
  let done = false
  return () => {
    if (!done) {
      value = compute()
      done = true
    }
    return value as T
  }
}

function valueAt(doc: SanityDocument, path: readonly string[]): unknown {
  let current: unknown = doc
  for (const key of path) {
    if (current === null || typeof current !== 'object' || Array.isArray(current)) return undefined
    current = (current as Record<string, unknown>)[key]
  }
  return current
}

/**
 * A view's text searches, remembered until the next commit (a search page asks for the same
 * words twice: its total and its page); a bounded number, since anyone may search.
 */
function rememberedSearches(source: ViewSource, search: QueryView['withWords']): QueryView['withWords'] {
  const remembered = new LRUCache<string, {found: readonly SanityDocument[] | undefined}>({max: 64})
  return (prefixes, type, atMost) => {
    const key = JSON.stringify([prefixes, type, atMost])
    let entry = remembered.get(key)
    if (!entry) {
      entry = {found: search(prefixes, type, atMost)}
      // An index still being built answers nothing yet: asked again, it may have finished.
      if (source.indexes.text.ready) remembered.set(key, entry)
    }
    return entry.found
  }
}

/** Adds `ordinal` and `wordCounts` to a view, from the term index's counts of the stored documents it shows. */
function withWordCounts(
  source: ViewSource,
  view: Omit<QueryView, 'ofTypeWithValue' | 'ordinal' | 'wordCounts' | 'holdsScoreField'>,
): Omit<QueryView, 'ofTypeWithValue'> {
  const {terms} = source.indexes
  const ordinals = memo(() => new Map(view.documents().map((doc, at) => [doc, at])))
  // Per slot of the term index, where its document is in `documents()` (-1: not shown) and
  // whether it shows under another id (a draft under its published id, in the drafts perspective).
  const slots = memo(() => {
    const at = new Int32Array(terms.slotCount).fill(-1)
    const renamed = new Uint8Array(terms.slotCount)
    for (let slot = 0; slot < at.length; slot++) {
      const stored = terms.documentAt(slot)
      const doc = stored && view.shown(stored)
      if (!doc) continue
      at[slot] = ordinals().get(doc) ?? -1
      renamed[slot] = doc._id === stored._id ? 0 : 1
    }
    return {at, renamed}
  })
  const builder = memo(() => new SparseBuilder(view.documents().length))
  const wordCounts: QueryView['wordCounts'] = (sources, term) => {
    const {at, renamed} = slots()
    const counts = builder()
    const visit = (textSource: TextSource, underPublishedId?: 0 | 1) =>
      terms.visitCounts(textSource, term, (slot, count) => {
        // A slot past the map is newer than this view: not in it.
        const ordinal = slot < at.length ? at[slot]! : -1
        if (ordinal >= 0 && (underPublishedId === undefined || renamed[slot] === underPublishedId)) counts.add(ordinal, count)
      })
    // Every source is asked, so that the builds of all those not yet indexed start together.
    const answered = sources.map((textSource) =>
      textSource === ID_SOURCE ? [visit(ID_SOURCE, 0), visit(PUBLISHED_ID_SOURCE, 1)].every(Boolean) : visit(textSource),
    )
    const found = counts.build()
    return answered.every(Boolean) ? found : undefined
  }
  return {...view, ordinal: (doc) => ordinals().get(doc) ?? -1, wordCounts, holdsScoreField: () => source.indexes.holdsScoreField}
}

/** Adds `ofTypeWithValue` to a view: one value index per (type, path), built on first use. */
function withValueIndex(view: Omit<QueryView, 'ofTypeWithValue'>): QueryView {
  const indexes = memoByKey((key) => {
    const [type, ...path] = key.split('\u0000')
    const index = new Map<unknown, SanityDocument[]>()
    for (const doc of view.ofType(type!)) {
      const value = valueAt(doc, path)
      if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') continue
      const list = index.get(value)
      if (list) list.push(doc)
      else index.set(value, [doc])
    }
    return index
  })
  return {...view, ofTypeWithValue: (type, path, value) => indexes([type, ...path].join('\u0000')).get(value) ?? []}
}

function memoByKey<T>(compute: (key: string) => T): (key: string) => T {
  const cache = new Map<string, T>()
  return (key) => {
    if (!cache.has(key)) cache.set(key, compute(key))
    return cache.get(key) as T
  }
}

/**
 * Builds the view of a dataset for one perspective and caller. Unauthenticated callers never
 * see documents in a path (drafts, versions, private documents), whatever they ask for. A view
 * is valid until the next commit; its lists are computed on first use.
 */
export function createView(source: ViewSource, perspective: Perspective, canReadPrivate: boolean): QueryView {
  const readable = (doc: SanityDocument) => canReadPrivate || !isPrivateId(doc._id)
  if (perspective === 'drafts' && canReadPrivate) return draftsView(source)
  // Without access to drafts, the drafts perspective is the published one.
  const visible = perspective === 'raw' ? readable : (doc: SanityDocument) => readable(doc) && !isDraftId(doc._id) && !isVersionId(doc._id)
  const get = (id: string) => {
    const doc = source.get(id)
    return doc && visible(doc) ? doc : undefined
  }
  const shown = (doc: SanityDocument) => (visible(doc) ? doc : undefined)
  return withValueIndex(
    withWordCounts(source, {
      documents: memo(() => source.indexes.sorted.filter(visible)),
      ofType: memoByKey((type) => source.indexes.ofType(type).filter(visible)),
      get,
      referencing: memoByKey((id) =>
        [...source.indexes.referencing(id)]
          .map(get)
          .filter((doc): doc is SanityDocument => doc !== undefined)
          .sort(byId),
      ),
      orderedBy: (type, path) => source.indexes.orderedBy(type, path),
      shown,
      // The index answers in no particular order; ids sort like the documents.
      withWords: rememberedSearches(source, (prefixes, type, atMost) => {
        const ids = source.indexes.text.search(prefixes, type, atMost)
        return ids && inIdOrder(ids.map(get))
      }),
    }),
  )
}

function inIdOrder(docs: (SanityDocument | undefined)[]): SanityDocument[] {
  return docs.filter((doc): doc is SanityDocument => doc !== undefined).sort(byId)
}

// A draft replaces its published document under the published id; `_originalId` tells which
// one was chosen, as the hosted API does.
function draftsView(source: ViewSource): QueryView {
  const overlay = memoByKey((id): SanityDocument | undefined => {
    const chosen = source.get(`drafts.${id}`) ?? source.get(id)
    return chosen && {...chosen, _id: id, _originalId: chosen._id}
  })
  const overlaid = (docs: Iterable<SanityDocument | undefined>) => {
    const ids = new Set<string>()
    for (const doc of docs) if (doc && !isVersionId(doc._id)) ids.add(publishedId(doc._id))
    return [...ids]
      .sort()
      .map(overlay)
      .filter((doc): doc is SanityDocument => doc !== undefined)
  }
  return withValueIndex(
    withWordCounts(source, {
      documents: memo(() => overlaid(source.indexes.sorted)),
      ofType: memoByKey((type) => overlaid(source.indexes.ofType(type)).filter((doc) => doc._type === type)),
      get: (id) => (isDraftId(id) || isVersionId(id) ? undefined : overlay(id)),
      referencing: memoByKey((id) => overlaid([...source.indexes.referencing(id)].map((ref) => source.get(ref)))),
      orderedBy: (type, path) => source.indexes.orderedBy(type, path),
      // Only the stored document chosen for an id shows; its draft or published twin does not.
      shown: (stored) => {
        if (isVersionId(stored._id)) return undefined
        const chosen = overlay(publishedId(stored._id))
        return chosen?._originalId === stored._id ? chosen : undefined
      },
      // The document chosen for an id has its own words and type in the index; `overlaid` shows it.
      withWords: rememberedSearches(source, (prefixes, type, atMost) => {
        const ids = source.indexes.text.search(prefixes, type, atMost)
        return ids && overlaid(ids.map((id) => source.get(id))).filter((doc) => type === undefined || doc._type === type)
      }),
    }),
  )
}

/** A view over a plain array of documents (a transaction's staged state), seen raw and in full. */
export function arrayView(documents: readonly SanityDocument[]): QueryView {
  const indexes = new DocumentIndexes(documents)
  const ids = new Map(documents.map((doc) => [doc._id, doc]))
  return createView({indexes, get: (id) => ids.get(id)}, 'raw', true)
}
