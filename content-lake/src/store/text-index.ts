import Database from 'better-sqlite3'
import {canonical, matchTokens} from '../groq/match-tokens'
import {publishedId} from '../ids'
import type {SanityDocument} from '../types'
import {inBackgroundSteps} from './background-steps'

/**
 * The words of every stored document in an in-memory SQLite FTS5 table, kept beside the
 * documents it indexes (a query worker's replica has its own), so it is always at the same
 * revision as they are (decision 0241). It answers "which documents may `match` these
 * terms": a superset, since groq-js still evaluates the filter on what it returns.
 *
 * A document's words are groq-js's tokens of every string outside system fields (`_type`,
 * `_key`…), of every Portable Text block's joined spans (what `pt::text()` reads) and of its
 * `_id` as stored and as the drafts perspective shows it (the published id),
 * in ECMAScript's case-insensitive form, each written so that FTS5's `ascii` tokenizer reads it
 * as one token (see `encoded`): a term's prefix is then a prefix of the words it may match.
 */

/** Every string a text search may read in a document: `documentText`'s strings and each block's `pt::text`. */
export function searchableStrings(document: SanityDocument): string[] {
  const strings: string[] = []
  const collect = (value: unknown) => {
    if (typeof value === 'string') strings.push(value)
    else if (Array.isArray(value)) value.forEach(collect)
    else if (value !== null && typeof value === 'object') {
      const record = value as Record<string, unknown>
      if (typeof record._type === 'string' && Array.isArray(record.children)) strings.push(blockText(record.children))
      for (const [key, child] of Object.entries(record)) if (!key.startsWith('_')) collect(child)
    }
  }
  for (const [key, value] of Object.entries(document)) if (!key.startsWith('_')) collect(value)
  return strings
}

// pt::text() joins a block's spans with nothing between them, which can make words no span holds.
function blockText(children: unknown[]): string {
  let text = ''
  for (const child of children) {
    const span = child as Record<string, unknown> | null
    if (span && typeof span === 'object' && span._type === 'span' && typeof span.text === 'string') text += span.text
  }
  return text
}

// The `ascii` tokenizer keeps ASCII letters and digits and every non-ASCII character in a
// token; these two non-ASCII marks are the escape for anything else and the type's word.
const ESCAPE = '\u01C2'
const TYPE_MARK = '\u01C1'
// Surrogates are escaped one by one, so that a prefix ending inside a pair stays a prefix.
const PLAIN = /^[A-Za-z0-9\u0080-\u01C0\u01C3-\uD7FF\uE000-\uFFFF]*$/

/** A canonical word written as one FTS5 token, one UTF-16 unit at a time (so prefixes stay prefixes). */
function encoded(word: string): string {
  if (PLAIN.test(word)) return word
  let result = ''
  for (let i = 0; i < word.length; i++) {
    const unit = word[i]!
    result += PLAIN.test(unit) ? unit : `${ESCAPE}${unit.charCodeAt(0).toString(16).padStart(4, '0')}`
  }
  return result
}

const typeWord = (type: string) => `${TYPE_MARK}${encoded(type)}`

// Most words recur across documents: each is made canonical and encoded once (within a bound).
const WORD_CACHE = 200_000
const seen = new Map<string, string>()

function indexWord(token: string): string {
  let word = seen.get(token)
  if (word === undefined) {
    word = encoded(canonical(token))
    if (seen.size >= WORD_CACHE) seen.clear()
    seen.set(token, word)
  }
  return word
}

function words(document: SanityDocument): string {
  const distinct = new Set<string>()
  for (const text of [document._id, publishedId(document._id), ...searchableStrings(document)]) for (const token of matchTokens(text)) distinct.add(token)
  return [...distinct].map(indexWord).join(' ')
}

// Documents indexed per step of the build (see inBackgroundSteps for how steps and queries take turns).
const BUILD_STEP = 100

/**
 * Built in the background, a step at a time between queries, from the documents as they were
 * when it was created; changes meanwhile go in at once and are not overwritten. Until it is
 * complete, `search` narrows nothing (the planner then walks or scans, with the same results):
 * so no query ever waits seconds for it, nor runs out of its time budget building it.
 */
export class TextIndex {
  private readonly db = new Database(':memory:')
  private readonly rowids = new Map<string, number>()
  private readonly ids: string[] = []
  private readonly insertRow
  private readonly deleteRow
  private readonly lookup
  private pending: readonly SanityDocument[]
  private built = 0
  /** Changed while building: already current, so the build leaves them alone. */
  private readonly changed = new Set<string>()
  private readonly done: Promise<void>
  private closed = false

  constructor(documents: readonly SanityDocument[]) {
    // Contentless: only the words are kept, not the text; rows can still be deleted.
    this.db.exec(`CREATE VIRTUAL TABLE words USING fts5(text, tokenize = 'ascii', detail = none, content = '', contentless_delete = 1)`)
    this.insertRow = this.db.prepare<[number, string]>('INSERT INTO words (rowid, text) VALUES (?, ?)')
    this.deleteRow = this.db.prepare<[number]>('DELETE FROM words WHERE rowid = ?')
    this.lookup = this.db.prepare<[string, number], {rowid: number}>('SELECT rowid FROM words WHERE words MATCH ? LIMIT ?')
    this.pending = documents
    this.done = new Promise((resolve) => {
      inBackgroundSteps(() => {
        if (this.closed) {
          resolve()
          return 'done'
        }
        this.db.transaction(() => {
          const end = Math.min(this.built + BUILD_STEP, this.pending.length)
          for (; this.built < end; this.built++) {
            const doc = this.pending[this.built]!
            if (!this.changed.has(doc._id)) this.add(doc)
          }
        })()
        if (!this.ready) return 'more'
        this.pending = []
        this.changed.clear()
        resolve()
        return 'done'
      })
    })
  }

  /** Whether every document is in. */
  get ready(): boolean {
    return this.built >= this.pending.length
  }

  /** Resolves once the index is complete (or closed). */
  whenReady(): Promise<void> {
    return this.done
  }

  private add(doc: SanityDocument): void {
    let rowid = this.rowids.get(doc._id)
    if (rowid === undefined) {
      rowid = this.ids.push(doc._id)
      this.rowids.set(doc._id, rowid)
    }
    this.insertRow.run(rowid, `${typeWord(doc._type)} ${words(doc)}`)
  }

  apply(id: string, after: SanityDocument | null): void {
    if (!this.ready) this.changed.add(id)
    const rowid = this.rowids.get(id)
    if (rowid !== undefined) this.deleteRow.run(rowid)
    if (after) this.add(after)
  }

  /**
   * Ids of the stored documents (of `type`, if given) holding, for each prefix, a word that
   * starts with it; undefined when more than `atMost` may, or while the index is being built. Prefixes are canonical (see
   * `canonical`) and not empty. Each prefix is looked up on its own, stopping past `atMost`: a
   * common word narrows nothing and costs little, and the rare ones are intersected.
   */
  search(prefixes: readonly string[], type: string | undefined, atMost: number): string[] | undefined {
    if (!this.ready) return undefined
    const lists: number[][] = []
    for (const prefix of new Set(prefixes)) {
      const terms = [`"${encoded(prefix)}"*`, ...(type === undefined ? [] : [`"${typeWord(type)}"`])]
      const rows = this.lookup.all(terms.join(' AND '), atMost + 1)
      if (rows.length <= atMost) lists.push(rows.map(({rowid}) => rowid))
    }
    if (lists.length === 0) return undefined
    lists.sort((a, b) => a.length - b.length)
    const others = lists.slice(1).map((list) => new Set(list))
    return lists[0]!.filter((rowid) => others.every((list) => list.has(rowid))).map((rowid) => this.ids[rowid - 1]!)
  }

  close(): void {
    this.closed = true
    this.db.close()
  }
}
