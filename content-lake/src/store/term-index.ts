import {canonical, matchTokens} from '../groq/match-tokens'
import {publishedId} from '../ids'
import type {SanityDocument} from '../types'
import {inBackgroundSteps} from './background-steps'

/**
 * How often each word occurs in each stored document, per source of text (a field, `pt::text()`
 * of a field, the whole document's text, its `_id`), kept beside the documents like the other
 * indexes (decision 0243). `match` and `score()` need exact counts per field, which the FTS5
 * index (text-index.ts, "which documents may hold a word") does not keep: with them a search
 * for a word most documents hold is answered from the postings of that word instead of by
 * tokenizing every document.
 *
 * Words are groq-js's tokens as `match` splits them; a term finds its words by their canonical
 * first letters, then groq-js's own regular expression decides (see `TermPattern`).
 */

/** Where a source's text comes from: the strings `match` would read for one stored document. */
export interface TextSource {
  /** Names the source: equal keys are the same text. */
  readonly key: string
  strings(documents: readonly SanityDocument[]): string[][]
}

/** One term of a `match` pattern: groq-js's regular expression and the canonical text every word it matches starts with. */
export interface TermPattern {
  regex: RegExp
  prefix: string
}

/** A document's `_id` as stored. */
export const ID_SOURCE: TextSource = {key: '\u0000id', strings: (docs) => docs.map((doc) => [doc._id])}
/** The id a draft shows under in the drafts perspective: a view reads it for the drafts it shows so. */
export const PUBLISHED_ID_SOURCE: TextSource = {key: '\u0000published id', strings: (docs) => docs.map((doc) => [publishedId(doc._id)])}

// Sources beyond these bounds are not indexed (their searches are evaluated by groq-js): anyone
// may ask for a search of any field, and each costs memory in proportion to that field's text.
const MAX_SOURCES = 16
// Postings (a word in a document in a source) held in all: about 16 bytes each.
const MAX_POSTINGS = 24_000_000
// A source unused this long may give its place to a new one.
const IDLE_MS = 15 * 60_000
// Documents per step of a source's build (see inBackgroundSteps for how steps and queries take turns).
const BUILD_STEP = 100
// Words are grouped by their first canonical characters, so a term reads only its group.
const GROUP = 3

/** Postings: a word's (slot, count) pairs, flat. */
type Postings = number[]

class SourceIndex {
  readonly postings = new Map<string, Postings>()
  /** Words by their first canonical characters. */
  readonly groups = new Map<string, string[]>()
  /** Per slot, how many postings it has here (to count the dead ones). */
  entries: number[] = []
  live = 0
  dead = 0
  lastUsed = Date.now()
  ready = false
  /** Its text could not be read (an evaluation failed): never used, never retried. */
  broken = false
  /** Changed while building: already current, so the build leaves them alone. */
  readonly changed = new Set<string>()
  finished!: () => void
  readonly built = new Promise<void>((resolve) => {
    this.finished = resolve
  })

  constructor(readonly source: TextSource) {}

  /** Never to be used (nor rebuilt while it keeps its place): its postings are dropped. */
  giveUp(): void {
    this.broken = true
    this.ready = false
    this.postings.clear()
    this.groups.clear()
    this.entries.length = 0
    this.live = 0
    this.dead = 0
  }

  /** The source's strings for these documents; undefined, and broken for good, if reading them fails. */
  read(docs: readonly SanityDocument[]): string[][] | undefined {
    if (this.broken) return undefined
    try {
      return this.source.strings(docs)
    } catch {
      this.giveUp()
      return undefined
    }
  }

  add(slot: number, strings: readonly string[]): void {
    const counts = new Map<string, number>()
    for (const text of strings) for (const token of matchTokens(text)) counts.set(token, (counts.get(token) ?? 0) + 1)
    for (const [token, count] of counts) {
      let list = this.postings.get(token)
      if (!list) {
        list = []
        this.postings.set(token, list)
        const group = canonical(token.slice(0, GROUP))
        const words = this.groups.get(group)
        if (words) words.push(token)
        else this.groups.set(group, [token])
      }
      list.push(slot, count)
    }
    this.entries[slot] = counts.size
    this.live += counts.size
  }

  remove(slot: number): void {
    const entries = this.entries[slot] ?? 0
    this.live -= entries
    this.dead += entries
  }

  /** Whether replaced and deleted documents' postings outnumber the live ones, enough to drop them. */
  get wasteful(): boolean {
    return this.dead >= 10_000 && this.dead >= this.live
  }

  /** Rewrites the postings with each slot renumbered by `to` (-1: the slot is gone, its postings dropped). */
  rewrite(to: (slot: number) => number): void {
    for (const [token, list] of this.postings) {
      const kept: Postings = []
      for (let i = 0; i < list.length; i += 2) {
        const slot = to(list[i]!)
        if (slot !== -1) kept.push(slot, list[i + 1]!)
      }
      if (kept.length > 0) this.postings.set(token, kept)
      else this.postings.delete(token)
    }
    for (const [group, words] of this.groups) {
      const kept = words.filter((word) => this.postings.has(word))
      if (kept.length > 0) this.groups.set(group, kept)
      else this.groups.delete(group)
    }
    const entries: number[] = []
    this.entries.forEach((count, slot) => {
      const renumbered = to(slot)
      if (renumbered !== -1) entries[renumbered] = count
    })
    this.entries = entries
    this.dead = 0
  }

  /** The words a term matches. */
  words({regex, prefix}: TermPattern): string[] {
    const groups =
      prefix.length >= GROUP
        ? [this.groups.get(prefix.slice(0, GROUP)) ?? []]
        : [...this.groups].filter(([group]) => group.startsWith(prefix)).map(([, words]) => words)
    const found: string[] = []
    for (const words of groups) for (const word of words) if (canonical(word).startsWith(prefix) && regex.test(word)) found.push(word)
    return found
  }
}

export class TermIndex {
  /** Each stored document's current slot; a changed document gets a new one. */
  private readonly slots = new Map<string, number>()
  private documents: (SanityDocument | undefined)[] = []
  private readonly sources = new Map<string, SourceIndex>()
  private closed = false

  /** `current` lists the stored documents as they are now (read when a source starts building). */
  constructor(private readonly current: () => readonly SanityDocument[]) {
    for (const doc of current()) this.slots.set(doc._id, this.documents.push(doc) - 1)
  }

  /**
   * Calls `visit` with the slot of each stored document whose text from `source` holds words
   * matching `term` and how many it holds there (once per word: a slot may come several times).
   * False, visiting nothing, while the source is being built (its first use starts the build)
   * or when too many sources are indexed.
   */
  visitCounts(source: TextSource, term: TermPattern, visit: (slot: number, count: number) => void): boolean {
    const index = this.sources.get(source.key) ?? this.start(source)
    if (!index?.ready) return false
    index.lastUsed = Date.now()
    for (const word of index.words(term)) {
      const list = index.postings.get(word)!
      for (let i = 0; i < list.length; i += 2) if (this.documents[list[i]!]) visit(list[i]!, list[i + 1]!)
    }
    return true
  }

  /** How many slots there are: each stored document has one, a replaced or deleted one keeps its slot, emptied. */
  get slotCount(): number {
    return this.documents.length
  }

  /** The stored document in a slot, if it is still current. */
  documentAt(slot: number): SanityDocument | undefined {
    return this.documents[slot]
  }

  /** Postings held, replaced ones included. */
  postings(): number {
    let total = 0
    for (const index of this.sources.values()) total += index.live + index.dead
    return total
  }

  private start(source: TextSource): SourceIndex | undefined {
    if (this.closed || this.postings() >= MAX_POSTINGS) return undefined
    if (this.sources.size >= MAX_SOURCES) {
      const idle = [...this.sources.values()].find((index) => (index.ready || index.broken) && Date.now() - index.lastUsed > IDLE_MS)
      if (!idle) return undefined
      this.sources.delete(idle.source.key)
    }
    const index = new SourceIndex(source)
    this.sources.set(source.key, index)
    const pending = [...this.current()]
    let built = 0
    const step = (): 'done' | 'more' => {
      if (this.closed || index.broken || this.sources.get(source.key) !== index) return 'done'
      const batch = pending.slice(built, built + BUILD_STEP).filter((doc) => !index.changed.has(doc._id))
      const strings = index.read(batch)
      if (!strings) return 'done'
      if (this.postings() >= MAX_POSTINGS) {
        // Past the bound half-built: given up (not retried), and its memory freed.
        index.giveUp()
        return 'done'
      }
      for (const [at, doc] of batch.entries()) index.add(this.slots.get(doc._id)!, strings[at]!)
      built += BUILD_STEP
      if (built < pending.length) return 'more'
      index.changed.clear()
      index.ready = true
      return 'done'
    }
    inBackgroundSteps(() => {
      const progress = step()
      if (progress === 'done') index.finished()
      return progress
    })
    return index
  }

  /** Resolves once every source asked for so far is built. */
  async whenBuilt(): Promise<void> {
    await Promise.all([...this.sources.values()].map((index) => index.built))
  }

  apply(id: string, after: SanityDocument | null): void {
    for (const index of this.sources.values()) if (!index.ready) index.changed.add(id)
    const previous = this.slots.get(id)
    if (previous !== undefined) {
      this.documents[previous] = undefined
      for (const index of this.sources.values()) index.remove(previous)
      this.slots.delete(id)
    }
    if (!after) return
    const slot = this.documents.push(after) - 1
    this.slots.set(id, slot)
    for (const index of this.sources.values()) {
      const strings = index.read([after])
      if (strings) index.add(slot, strings[0]!)
    }
    const emptied = this.documents.length - this.slots.size
    if (emptied > Math.max(this.slots.size, 10_000)) this.renumber()
    else for (const index of this.sources.values()) if (index.wasteful) index.rewrite((at) => (this.documents[at] ? at : -1))
  }

  /** Gives the current documents slots from 0 again, once most slots were emptied by changes (each change takes a new one). */
  private renumber(): void {
    const to = new Int32Array(this.documents.length).fill(-1)
    const documents: SanityDocument[] = []
    this.documents.forEach((doc, slot) => {
      if (!doc) return
      to[slot] = documents.push(doc) - 1
      this.slots.set(doc._id, to[slot]!)
    })
    this.documents = documents
    for (const index of this.sources.values()) index.rewrite((slot) => to[slot]!)
  }

  close(): void {
    this.closed = true
  }
}
