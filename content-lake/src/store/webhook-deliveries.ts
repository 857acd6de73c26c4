import type Database from 'better-sqlite3'

/** A webhook delivery as the dataset's file keeps it until it is accepted or given up on. */
export interface StoredDelivery {
  /** The row, in the order deliveries were queued. */
  rowId: number
  webhook: string
  documentId: string
  transactionId: string
  transactionTime: string
  operation: string
  body: string
  idempotencyKey: string
  /** Attempts already made. */
  attempts: number
  /** When the next attempt may go out (milliseconds since the epoch). */
  nextAttemptAt: number
}

export type NewDelivery = Omit<StoredDelivery, 'rowId' | 'attempts' | 'nextAttemptAt'>

/**
 * The webhook deliveries a dataset owes, kept in its SQLite file so a restart or a crash loses
 * none. Two steps, because webhook filters are GROQ and evaluating GROQ is asynchronous: the
 * commit itself records that a transaction is owed (in its own SQL transaction, see
 * DatasetFile.commitAll), and once the webhooks have been evaluated, `queue` swaps that mark
 * for the deliveries. A mark still there at start means the evaluation never finished.
 */
export class WebhookDeliveries {
  private readonly statements

  constructor(private readonly db: Database.Database) {
    this.statements = {
      owe: db.prepare<[number]>('INSERT OR IGNORE INTO webhook_owed (seq) VALUES (?)'),
      owed: db.prepare<[], {seq: number}>('SELECT seq FROM webhook_owed ORDER BY seq'),
      settle: db.prepare<[number]>('DELETE FROM webhook_owed WHERE seq = ?'),
      insert: db.prepare<[string, string, string, string, string, string, string]>(
        `INSERT INTO webhook_deliveries (webhook, document_id, transaction_id, transaction_time, operation, body, idempotency_key)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      ),
      pending: db.prepare<[], Record<string, string | number>>(
        `SELECT id AS rowId, webhook, document_id AS documentId, transaction_id AS transactionId, transaction_time AS transactionTime,
           operation, body, idempotency_key AS idempotencyKey, attempts, next_attempt_at AS nextAttemptAt
         FROM webhook_deliveries ORDER BY id`,
      ),
      reschedule: db.prepare<[number, number, number]>('UPDATE webhook_deliveries SET attempts = ?, next_attempt_at = ? WHERE id = ?'),
      remove: db.prepare<[number]>('DELETE FROM webhook_deliveries WHERE id = ?'),
    }
  }

  /** Marks a committed transaction as owing deliveries; called inside the commit's SQL transaction. */
  owe(seq: number): void {
    this.statements.owe.run(seq)
  }

  /** Transactions whose webhooks were never evaluated (the lake stopped first), oldest first. */
  owed(): number[] {
    return this.statements.owed.all().map((row) => row.seq)
  }

  /** Stores a transaction's deliveries and clears its mark, at once; returns their row ids. */
  queue(seq: number, deliveries: readonly NewDelivery[]): number[] {
    const s = this.statements
    return this.db.transaction(() => {
      s.settle.run(seq)
      return deliveries.map((d) =>
        Number(s.insert.run(d.webhook, d.documentId, d.transactionId, d.transactionTime, d.operation, d.body, d.idempotencyKey).lastInsertRowid),
      )
    })()
  }

  /** Every delivery still owed, in the order they were queued. */
  pending(): StoredDelivery[] {
    return this.statements.pending.all() as unknown as StoredDelivery[]
  }

  reschedule(rowId: number, attempts: number, nextAttemptAt: number): void {
    this.statements.reschedule.run(attempts, nextAttemptAt, rowId)
  }

  /** Accepted, refused, out of attempts, or dropped: no longer owed. */
  remove(rowId: number): void {
    this.statements.remove.run(rowId)
  }
}
