import {setImmediate as nextTurn} from 'node:timers/promises'
import Database from 'better-sqlite3'

const DAY_MS = 24 * 60 * 60 * 1000
const HOUR_MS = 60 * 60 * 1000

// The lake serves HTTP on the thread that runs the purge, so it works in small SQL
// transactions and yields between them. A batch looks at this many documents (purging those
// that qualify): measured at under 40 ms when all ten are purged, each with six transactions
// of 2 KB documents (100 took 300 ms).
const DOCUMENTS_PER_BATCH = 10
// Pages `incremental_vacuum` hands back to the file system per step (4 KiB each).
const PAGES_PER_VACUUM_STEP = 1000

/** Stands in the transaction log for a mutation of a document whose history was purged. */
export interface PurgedMutation {
  purged: string
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value)

function isTombstone(mutation: unknown): mutation is PurgedMutation {
  return isObject(mutation) && typeof mutation.purged === 'string' && Object.keys(mutation).length === 1
}

/**
 * The one document a mutation names by id, if it names one: `create*` by `_id`, `patch` and
 * `delete` by `id`. A `create` whose `_id` ends in "." gets a generated id, so it names none.
 */
function namedDocument(mutation: unknown): string | undefined {
  if (!isObject(mutation)) return undefined
  const [kind, body] = Object.entries(mutation)[0] ?? []
  if (!isObject(body)) return undefined
  const id = kind === 'patch' || kind === 'delete' ? body.id : body._id
  if (typeof id !== 'string' || (kind === 'create' && id.endsWith('.'))) return undefined
  return id
}

/**
 * A transaction's mutations without those that may have written `documentId`. The log keeps
 * no record of which mutation touched which document, so a mutation that names no document
 * (a query, a generated id) goes too: it may hold the purged document's content, and nothing
 * reads stored mutations back (listeners get them from the commit itself). Positions are kept.
 */
export function withoutDocument(mutations: readonly unknown[], documentId: string): unknown[] {
  return mutations.map((mutation) => {
    if (isTombstone(mutation)) return mutation
    const named = namedDocument(mutation)
    return named !== undefined && named !== documentId ? mutation : {purged: documentId}
  })
}

/** The moment before which a deletion is old enough to purge, in the log's timestamp format. */
export function purgeCutoff(now: number, days: number): string {
  return new Date(now - days * DAY_MS).toISOString().replace(/\.\d{3}Z$/, 'Z')
}

/** Its own connection to one dataset file, purging the history of long-deleted documents. */
class HistoryPurger {
  private readonly db: Database.Database
  private readonly statements

  constructor(file: string) {
    this.db = new Database(file, {fileMustExist: true})
    this.db.pragma('busy_timeout = 5000')
    // Overwrite what is deleted with zeros, so purged text does not linger in free space.
    this.db.pragma('secure_delete = ON')
    this.statements = {
      // The next documents with any history, each with its last revision's position.
      window: this.db.prepare<[string, number], {document_id: string; seq: number}>(
        `SELECT document_id, max(seq) AS seq FROM revisions WHERE document_id > ?
         GROUP BY document_id ORDER BY document_id LIMIT ?`,
      ),
      // Whether that last revision deleted the document before the cutoff, and it is still gone.
      deletedBefore: this.db.prepare<[string, number, string], {found: number}>(
        `SELECT 1 AS found FROM revisions r JOIN transactions t ON t.seq = r.seq
         WHERE r.document_id = ? AND r.seq = ? AND r.body IS NULL AND t.timestamp < ?
           AND NOT EXISTS (SELECT 1 FROM documents d WHERE d.id = r.document_id)`,
      ),
      transactionsOf: this.db.prepare<[string], {seq: number; id: string; timestamp: string; identity: string; mutations: string}>(
        `SELECT t.seq, t.id, t.timestamp, t.identity, t.mutations FROM revisions r JOIN transactions t ON t.seq = r.seq
         WHERE r.document_id = ?`,
      ),
      // A row is rewritten by deleting and inserting it again, not by UPDATE: SQLite merges
      // pages that a delete leaves nearly empty, but never those that a shrinking update does,
      // and those would stay in the file holding a row or two each.
      deleteTransaction: this.db.prepare<[number]>('DELETE FROM transactions WHERE seq = ?'),
      insertTransaction: this.db.prepare<[number, string, string, string, string]>(
        'INSERT INTO transactions (seq, id, timestamp, identity, mutations) VALUES (?, ?, ?, ?, ?)',
      ),
      deleteRevisions: this.db.prepare<[string]>('DELETE FROM revisions WHERE document_id = ?'),
    }
  }

  /**
   * One SQL transaction: looks at the documents after `afterId` and purges those deleted before
   * the cutoff. Returns the last document looked at (undefined: none left) and those purged.
   */
  batch(afterId: string, cutoff: string): {lastId: string | undefined; purged: string[]} {
    const s = this.statements
    return this.db.transaction(() => {
      // A shared transaction's row is briefly gone while other documents' revisions refer to
      // it; the foreign key holds again by the commit, where a deferred check looks.
      this.db.pragma('defer_foreign_keys = ON')
      const window = s.window.all(afterId, DOCUMENTS_PER_BATCH)
      const purged: string[] = []
      for (const {document_id: id, seq} of window) {
        if (!s.deletedBefore.get(id, seq, cutoff)) continue
        const transactions = s.transactionsOf.all(id)
        // Revisions first: they refer to their transactions.
        s.deleteRevisions.run(id)
        for (const {seq, id: transactionId, timestamp, identity, mutations} of transactions) {
          const kept = JSON.stringify(withoutDocument(JSON.parse(mutations) as unknown[], id))
          s.deleteTransaction.run(seq)
          s.insertTransaction.run(seq, transactionId, timestamp, identity, kept)
        }
        purged.push(id)
      }
      return {lastId: window.at(-1)?.document_id, purged}
    })()
  }

  /**
   * Hands one step of free pages back to the file system; false once none are left. A file made
   * before datasets had `auto_vacuum = INCREMENTAL` cannot (without a full VACUUM): SQLite
   * reuses its free pages for later writes instead, so it does not grow either.
   */
  reclaimStep(): boolean {
    if (this.db.pragma('auto_vacuum', {simple: true}) !== 2) return false
    if ((this.db.pragma('freelist_count', {simple: true}) as number) === 0) return false
    this.db.pragma(`incremental_vacuum(${PAGES_PER_VACUUM_STEP})`)
    return true
  }

  /** Empties the write-ahead log, which still holds the pages as they were before the purge. */
  checkpoint(): void {
    this.db.pragma('wal_checkpoint(TRUNCATE)')
  }

  close(): void {
    this.db.close()
  }
}

export interface PurgeOptions {
  /** Deleted longer ago than this, a document's history goes. */
  days: number
  /** The clock, in milliseconds (tests move it forward). */
  now?: number
  /** Checked between batches: true ends the purge early (the lake is closing). */
  stopped?: () => boolean
}

/**
 * Purges the history of every document of one dataset file that was deleted more than `days`
 * ago and not re-created: its revisions go, and its mutations in the transaction log become
 * `{purged: id}` (the transactions stay, so log positions, listeners and the other documents'
 * history are unchanged). Yields to the event loop between batches. Returns the purged ids.
 */
export async function purgeDeletedHistory(file: string, {days, now = Date.now(), stopped = () => false}: PurgeOptions): Promise<string[]> {
  const cutoff = purgeCutoff(now, days)
  const purger = new HistoryPurger(file)
  const purged: string[] = []
  try {
    let afterId: string | undefined = ''
    while (afterId !== undefined && !stopped()) {
      const batch = purger.batch(afterId, cutoff)
      purged.push(...batch.purged)
      afterId = batch.lastId
      await nextTurn()
    }
    if (purged.length === 0) return purged
    while (!stopped() && purger.reclaimStep()) await nextTurn()
    if (!stopped()) purger.checkpoint()
    return purged
  } finally {
    purger.close()
  }
}

/**
 * Runs `purgeDeletedHistory` over every dataset file at start and then hourly, one pass at a
 * time, until closed. The timer does not keep the process alive.
 */
export class HistoryRetention {
  private timer: NodeJS.Timeout | undefined
  private closed = false
  private running: Promise<void> | undefined

  constructor(
    private readonly files: () => string[],
    private readonly days: number,
    private readonly intervalMs = HOUR_MS,
  ) {}

  start(): void {
    // At start, but after the lake's start-up code has run.
    this.timer = setTimeout(() => this.runPass(), 0)
    this.timer.unref()
  }

  private runPass(): void {
    this.running = this.pass().finally(() => {
      this.running = undefined
      if (this.closed) return
      this.timer = setTimeout(() => this.runPass(), this.intervalMs)
      this.timer.unref()
    })
  }

  private async pass(): Promise<void> {
    for (const file of this.files()) {
      if (this.closed) return
      try {
        await purgeDeletedHistory(file, {days: this.days, stopped: () => this.closed})
      } catch (error) {
        // One dataset's failure (a busy or vanished file) must not stop the others' purge.
        console.error(`Purging deleted documents' history in ${file} failed`, error)
      }
    }
  }

  /** Stops the schedule; a pass under way stops after its current batch. */
  close(): Promise<void> {
    this.closed = true
    clearTimeout(this.timer)
    return this.running ?? Promise.resolve()
  }
}
