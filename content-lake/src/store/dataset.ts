import type {SyncLevel} from '../config'
import {createView, type Perspective, type QueryView} from '../perspective'
import {DocumentIndexes} from './indexes'
import type {CommittedTransaction, SanityDocument, Transaction} from '../types'
import {DatasetFile} from './sqlite'

/**
 * A dataset: every document in memory for GROQ (groq-js evaluates over arrays), with
 * SQLite underneath for durability. Memory changes only after SQLite has committed, so a
 * failed write leaves both exactly as they were.
 */
export class Dataset {
  private readonly file: DatasetFile
  private readonly documents = new Map<string, SanityDocument>()
  readonly indexes: DocumentIndexes
  private views = new Map<string, QueryView>()
  private seq: number
  private writes: Promise<unknown> = Promise.resolve()
  private readonly subscribers = new Set<(transaction: CommittedTransaction) => void>()

  constructor(
    readonly name: string,
    file: string,
    sync: SyncLevel,
  ) {
    this.file = new DatasetFile(file, sync)
    for (const doc of this.file.loadDocuments()) this.documents.set(doc._id, doc)
    this.indexes = new DocumentIndexes(this.documents.values())
    this.seq = this.file.lastSeq()
  }

  get(id: string): SanityDocument | undefined {
    return this.documents.get(id)
  }

  /** Every stored document (drafts and versions included) in `_id` order, the order of unordered results. */
  all(): readonly SanityDocument[] {
    return this.indexes.sorted
  }

  /** The documents a perspective shows a caller; reused until the next commit. */
  view(perspective: Perspective, canReadPrivate: boolean): QueryView {
    const key = `${perspective}:${canReadPrivate}`
    let view = this.views.get(key)
    if (!view) {
      view = createView(this, perspective, canReadPrivate)
      this.views.set(key, view)
    }
    return view
  }

  /** Increases with every commit: a cheap key for caches derived from the documents. */
  get revision(): number {
    return this.seq
  }

  hasTransaction(id: string): boolean {
    return this.file.hasTransaction(id)
  }

  /**
   * Runs one write at a time: a transaction is staged against the documents and committed
   * with no other write in between, even when staging awaits (GROQ selections are async).
   */
  exclusive<T>(write: () => Promise<T>): Promise<T> {
    const result = this.writes.then(write)
    this.writes = result.catch(() => undefined)
    return result
  }

  commit(transaction: Transaction): CommittedTransaction {
    const seq = this.file.commit(transaction)
    for (const change of transaction.changes) {
      if (change.after) this.documents.set(change.id, change.after)
      else this.documents.delete(change.id)
      this.indexes.apply(change)
    }
    this.views = new Map()
    this.seq = seq
    const committed = {...transaction, seq}
    for (const subscriber of this.subscribers) subscriber(committed)
    return committed
  }

  /** Calls back after every commit, in commit order; returns the unsubscribe function. */
  subscribe(subscriber: (transaction: CommittedTransaction) => void): () => void {
    this.subscribers.add(subscriber)
    return () => this.subscribers.delete(subscriber)
  }

  close(): void {
    this.file.close()
  }
}
