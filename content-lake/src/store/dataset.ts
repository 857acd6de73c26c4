import type {SyncLevel} from '../config'
import {createView, type Perspective, type QueryView} from '../perspective'
import type {HistoryReader} from './history'
import {DocumentIndexes} from './indexes'
import type {CommittedTransaction, SanityDocument, Transaction} from '../types'
import {DatasetFile} from './sqlite'

const BULK_CHANGES = 1_000

/** A write waiting its turn: staging reads the documents as earlier writes left them. */
interface PendingWrite {
  stage: () => Promise<{transaction: Transaction | null; result: unknown}>
  resolve: (result: unknown) => void
  reject: (error: unknown) => void
}

/**
 * A dataset: every document in memory for GROQ (groq-js evaluates over arrays), with
 * SQLite underneath for durability.
 *
 * Writes are group-committed: whatever queued up while SQLite was busy is staged one write
 * after another, then committed in one SQL transaction (one fsync), and only then answered
 * and announced to listeners. A write that fails to stage fails alone; if the SQL commit
 * fails, memory is rolled back and every write of the group fails. (A query may see a staged
 * write a moment before it is durable; nobody is told it succeeded before it is.)
 */
export class Dataset {
  private readonly file: DatasetFile
  private readonly documents = new Map<string, SanityDocument>()
  private indexed: DocumentIndexes
  private views = new Map<string, QueryView>()
  private readonly queue: PendingWrite[] = []
  private draining = false
  private readonly pendingTransactionIds = new Set<string>()
  private readonly subscribers = new Set<(transaction: CommittedTransaction) => void>()

  constructor(
    readonly name: string,
    file: string,
    sync: SyncLevel,
  ) {
    this.file = new DatasetFile(file, sync)
    for (const doc of this.file.loadDocuments()) this.documents.set(doc._id, doc)
    this.indexed = new DocumentIndexes(this.documents.values())
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

  /** The dataset's past: every transaction and every revision of every document. */
  get history(): HistoryReader {
    return this.file.history
  }

  hasTransaction(id: string): boolean {
    return this.pendingTransactionIds.has(id) || this.file.hasTransaction(id)
  }

  /**
   * Queues a write. `stage` runs when its turn comes, with no other write in between (even
   * though it may await), and returns the transaction to commit (null: nothing to write) and
   * the result to answer with once the transaction is durable.
   */
  write<T>(stage: () => Promise<{transaction: Transaction | null; result: T}>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({stage, resolve: resolve as (result: unknown) => void, reject})
      void this.drain()
    })
  }

  private async drain(): Promise<void> {
    if (this.draining) return
    this.draining = true
    try {
      while (this.queue.length > 0) {
        const group = this.queue.splice(0)
        const staged: {write: PendingWrite; transaction: Transaction; result: unknown}[] = []
        for (const write of group) {
          try {
            const {transaction, result} = await write.stage()
            if (!transaction) {
              write.resolve(result)
              continue
            }
            this.pendingTransactionIds.add(transaction.id)
            this.applyToMemory(transaction)
            staged.push({write, transaction, result})
          } catch (error) {
            write.reject(error)
          }
        }
        if (staged.length === 0) continue
        let seqs: number[]
        try {
          seqs = this.file.commitAll(staged.map(({transaction}) => transaction))
        } catch (error) {
          for (const {transaction} of [...staged].reverse()) this.revertMemory(transaction)
          for (const {write} of staged) write.reject(error)
          continue
        } finally {
          for (const {transaction} of staged) this.pendingTransactionIds.delete(transaction.id)
        }
        staged.forEach(({write, transaction, result}, index) => {
          this.announce({...transaction, seq: seqs[index]!})
          write.resolve(result)
        })
      }
    } finally {
      this.draining = false
    }
  }

  /** Commits one transaction at once, outside the write queue (imports into an idle dataset). */
  commit(transaction: Transaction): CommittedTransaction {
    if (this.draining) throw new Error(`Dataset "${this.name}" is busy with writes; import into it while nothing else writes`)
    const [seq] = this.file.commitAll([transaction])
    this.applyToMemory(transaction)
    const committed = {...transaction, seq: seq!}
    this.announce(committed)
    return committed
  }

  get indexes(): DocumentIndexes {
    return this.indexed
  }

  private applyToMemory(transaction: Transaction): void {
    for (const change of transaction.changes) {
      if (change.after) this.documents.set(change.id, change.after)
      else this.documents.delete(change.id)
    }
    // Indexes are updated change by change (each a splice into sorted lists); for a big
    // import, one rebuild is far cheaper than thousands of splices.
    if (transaction.changes.length > BULK_CHANGES) this.indexed = new DocumentIndexes(this.documents.values())
    else for (const change of transaction.changes) this.indexed.apply(change)
    this.views = new Map()
  }

  private revertMemory(transaction: Transaction): void {
    for (const change of [...transaction.changes].reverse()) {
      if (change.before) this.documents.set(change.id, change.before)
      else this.documents.delete(change.id)
    }
    this.indexed = new DocumentIndexes(this.documents.values())
    this.views = new Map()
  }

  private announce(transaction: CommittedTransaction): void {
    for (const subscriber of this.subscribers) subscriber(transaction)
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
