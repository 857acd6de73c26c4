import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import type {SanityDocument, Transaction} from '../types'
import {HistoryReader} from './history'
import {WebhookDeliveries} from './webhook-deliveries'

// Each migration runs once, in order; `PRAGMA user_version` records how many have run.
const MIGRATIONS = [
  `
  CREATE TABLE documents (
    id TEXT PRIMARY KEY,
    type TEXT NOT NULL,
    rev TEXT NOT NULL,
    body TEXT NOT NULL
  ) WITHOUT ROWID;
  CREATE INDEX documents_by_type ON documents(type);

  -- The transaction log: the order of commits, for listeners and history.
  CREATE TABLE transactions (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE,
    timestamp TEXT NOT NULL,
    identity TEXT NOT NULL,
    mutations TEXT NOT NULL
  );

  -- Every version of every document, so a document can be read back at any revision.
  CREATE TABLE revisions (
    document_id TEXT NOT NULL,
    seq INTEGER NOT NULL REFERENCES transactions(seq),
    previous_rev TEXT,
    rev TEXT,
    body TEXT,
    PRIMARY KEY (document_id, seq)
  ) WITHOUT ROWID;
  `,
  `
  -- Transactions whose webhook deliveries are still to be worked out (webhook-deliveries.ts).
  CREATE TABLE webhook_owed (seq INTEGER PRIMARY KEY);

  -- Webhook deliveries not yet accepted or given up on, so a restart loses none.
  CREATE TABLE webhook_deliveries (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    webhook TEXT NOT NULL,
    document_id TEXT NOT NULL,
    transaction_id TEXT NOT NULL,
    transaction_time TEXT NOT NULL,
    operation TEXT NOT NULL,
    body TEXT NOT NULL,
    idempotency_key TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL DEFAULT 0
  );
  `,
]

/** SQLite's `synchronous` level for a dataset's file (CONTENT_LAKE_SYNC). */
export type SyncLevel = 'full' | 'normal'

/** One dataset's SQLite file: the durable half of a dataset (memory holds the queryable half). */
export class DatasetFile {
  private readonly db: Database.Database
  private readonly statements
  readonly history: HistoryReader
  readonly webhookDeliveries: WebhookDeliveries

  constructor(file: string, sync: SyncLevel) {
    fs.mkdirSync(path.dirname(file), {recursive: true})
    this.db = new Database(file)
    // Lets a new file shrink after history is purged (history-retention.ts). It only takes
    // effect before the first table exists: older files keep reusing their free pages instead.
    this.db.pragma('auto_vacuum = INCREMENTAL')
    this.db.pragma('journal_mode = WAL')
    // FULL fsyncs the WAL on every commit, so an acknowledged write survives power loss too.
    this.db.pragma(`synchronous = ${sync === 'full' ? 'FULL' : 'NORMAL'}`)
    this.db.pragma('busy_timeout = 5000')
    this.db.pragma('foreign_keys = ON')
    // A deleted document's bytes (an erased commenter's, say) are overwritten where that costs no
    // extra I/O, rather than left in free pages of the file.
    this.db.pragma('secure_delete = FAST')
    this.migrate()
    this.statements = {
      allDocuments: this.db.prepare<[], {body: string}>('SELECT body FROM documents'),
      hasTransaction: this.db.prepare<[string], {found: number}>('SELECT 1 AS found FROM transactions WHERE id = ?'),
      insertTransaction: this.db.prepare('INSERT INTO transactions (id, timestamp, identity, mutations) VALUES (?, ?, ?, ?)'),
      upsertDocument: this.db.prepare(
        `INSERT INTO documents (id, type, rev, body) VALUES (?, ?, ?, ?)
         ON CONFLICT(id) DO UPDATE SET type = excluded.type, rev = excluded.rev, body = excluded.body`,
      ),
      deleteDocument: this.db.prepare('DELETE FROM documents WHERE id = ?'),
      insertRevision: this.db.prepare('INSERT INTO revisions (document_id, seq, previous_rev, rev, body) VALUES (?, ?, ?, ?, ?)'),
    }
    this.history = new HistoryReader(this.db)
    this.webhookDeliveries = new WebhookDeliveries(this.db)
  }

  private migrate(): void {
    const applied = this.db.pragma('user_version', {simple: true}) as number
    for (let version = applied; version < MIGRATIONS.length; version++) {
      this.db.transaction(() => {
        this.db.exec(MIGRATIONS[version]!)
        this.db.pragma(`user_version = ${version + 1}`)
      })()
    }
  }

  loadDocuments(): SanityDocument[] {
    return this.statements.allDocuments.all().map((row) => JSON.parse(row.body) as SanityDocument)
  }

  hasTransaction(id: string): boolean {
    return this.statements.hasTransaction.get(id) !== undefined
  }

  /**
   * Writes transactions in one SQL transaction (one fsync) and returns their log positions.
   * With `owesWebhooks`, each is also marked as owing webhook deliveries in that same SQL
   * transaction, so a crash right after the commit cannot lose them.
   */
  commitAll(transactions: readonly Transaction[], owesWebhooks = false): number[] {
    const s = this.statements
    return this.db.transaction(() =>
      transactions.map((transaction) => {
        const {lastInsertRowid} = s.insertTransaction.run(transaction.id, transaction.timestamp, transaction.identity, JSON.stringify(transaction.mutations))
        const seq = Number(lastInsertRowid)
        for (const {id, before, after} of transaction.changes) {
          if (after) {
            // Imported documents may carry no revision.
            s.upsertDocument.run(id, after._type, after._rev ?? '', JSON.stringify(after))
          } else {
            s.deleteDocument.run(id)
          }
          s.insertRevision.run(id, seq, before?._rev ?? null, after?._rev ?? null, after ? JSON.stringify(after) : null)
        }
        if (owesWebhooks) this.webhookDeliveries.owe(seq)
        return seq
      }),
    )()
  }

  close(): void {
    if (this.db.open) this.db.close()
  }
}
