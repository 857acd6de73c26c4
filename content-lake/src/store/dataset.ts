import type {Perspective, QueryView} from '../perspective'
import {DocumentMemory} from './document-memory'
import type {HistoryReader} from './history'
import type {DocumentIndexes} from './indexes'
import type {CommittedTransaction, SanityDocument, Transaction} from '../types'
import {DatasetFile, type SyncLevel} from './sqlite'
import type {WebhookDeliveries} from './webhook-deliveries'

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
  private readonly memory: DocumentMemory
  private readonly queue: PendingWrite[] = []
  private draining = false
  /** When the group of writes being staged or committed now was taken from the queue, for readiness. */
  private drainingSince = 0
  private readonly pendingTransactionIds = new Set<string>()
  private readonly subscribers = new Set<(transaction: CommittedTransaction) => void>()
  /** Set by the webhook dispatcher when a webhook watches this dataset: commits then record what they owe. */
  owesWebhooks = false

  constructor(
    readonly name: string,
    /** The SQLite file, which query workers read their replicas from. */
    readonly filePath: string,
    sync: SyncLevel,
  ) {
    this.file = new DatasetFile(filePath, sync)
    this.memory = new DocumentMemory(this.file.loadDocuments())
  }

  get(id: string): SanityDocument | undefined {
    return this.memory.get(id)
  }

  /** Every stored document (drafts and versions included) in `_id` order, the order of unordered results. */
  all(): readonly SanityDocument[] {
    return this.indexes.sorted
  }

  /** The documents a perspective shows a caller; reused until the next commit. */
  view(perspective: Perspective, canReadPrivate: boolean): QueryView {
    return this.memory.view(perspective, canReadPrivate)
  }

  /** The webhook deliveries this dataset still owes (see webhooks/dispatcher.ts). */
  get webhookDeliveries(): WebhookDeliveries {
    return this.file.webhookDeliveries
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
        this.drainingSince = Date.now()
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
          seqs = this.file.commitAll(
            staged.map(({transaction}) => transaction),
            this.owesWebhooks,
          )
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

  /** How long the writer has been on its current group of writes; 0 when it is idle. */
  writerBusyMs(now = Date.now()): number {
    return this.draining ? now - this.drainingSince : 0
  }

  /** Commits one transaction at once, outside the write queue (imports into an idle dataset). */
  commit(transaction: Transaction): CommittedTransaction {
    if (this.draining) throw new Error(`Dataset "${this.name}" is busy with writes; import into it while nothing else writes`)
    const [seq] = this.file.commitAll([transaction], this.owesWebhooks)
    this.applyToMemory(transaction)
    const committed = {...transaction, seq: seq!}
    this.announce(committed)
    return committed
  }

  get indexes(): DocumentIndexes {
    return this.memory.indexes
  }

  private applyToMemory(transaction: Transaction): void {
    this.memory.apply(transaction.changes)
  }

  private revertMemory(transaction: Transaction): void {
    this.memory.revert(transaction.changes)
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
