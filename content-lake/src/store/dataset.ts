import type {SyncLevel} from '../config'
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
  private snapshot: SanityDocument[] | undefined
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
    this.seq = this.file.lastSeq()
  }

  get(id: string): SanityDocument | undefined {
    return this.documents.get(id)
  }

  /**
   * Every stored document (drafts and versions included) in `_id` order, as the hosted API
   * returns unordered results, as one array reused until the next commit.
   */
  all(): readonly SanityDocument[] {
    this.snapshot ??= [...this.documents.values()].sort((a, b) => (a._id < b._id ? -1 : a._id > b._id ? 1 : 0))
    return this.snapshot
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
    for (const {id, after} of transaction.changes) {
      if (after) this.documents.set(id, after)
      else this.documents.delete(id)
    }
    this.snapshot = undefined
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
