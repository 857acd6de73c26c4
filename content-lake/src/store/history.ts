import type Database from 'better-sqlite3'
import type {CommittedTransaction, SanityDocument} from '../types'

/** One document's part in one transaction: the document before and after it. */
export interface HistoryEntry {
  seq: number
  transactionId: string
  timestamp: string
  identity: string
  documentId: string
  before: SanityDocument | null
  after: SanityDocument | null
}

export interface HistoryRange {
  fromSeq?: number
  toSeq?: number
  fromTime?: string
  toTime?: string
}

const parse = (body: string | null) => (body === null ? null : (JSON.parse(body) as SanityDocument))

/** Reads the transaction log and the revisions of a dataset's SQLite file. */
export class HistoryReader {
  private readonly statements

  constructor(db: Database.Database) {
    this.statements = {
      entries: db.prepare<
        [string, number, number, string, string],
        {seq: number; id: string; timestamp: string; identity: string; document_id: string; before: string | null; after: string | null}
      >(
        `SELECT t.seq, t.id, t.timestamp, t.identity, r.document_id, r.body AS after,
           (SELECT p.body FROM revisions p WHERE p.document_id = r.document_id AND p.seq < r.seq
            ORDER BY p.seq DESC LIMIT 1) AS before
         FROM revisions r JOIN transactions t ON t.seq = r.seq
         WHERE r.document_id = ? AND t.seq >= ? AND t.seq <= ? AND t.timestamp >= ? AND t.timestamp <= ?
         ORDER BY t.seq`,
      ),
      seqOf: db.prepare<[string], {seq: number}>('SELECT seq FROM transactions WHERE id = ?'),
      atRevision: db.prepare<[string, string], {body: string | null}>('SELECT body FROM revisions WHERE document_id = ? AND rev = ? ORDER BY seq DESC LIMIT 1'),
      atTime: db.prepare<[string, string], {body: string | null}>(
        `SELECT r.body FROM revisions r JOIN transactions t ON t.seq = r.seq
         WHERE r.document_id = ? AND t.timestamp <= ? ORDER BY r.seq DESC LIMIT 1`,
      ),
      documentsOf: db.prepare<[number], {document_id: string}>('SELECT document_id FROM revisions WHERE seq = ?'),
      transaction: db.prepare<[number], {id: string; timestamp: string; identity: string; mutations: string}>(
        'SELECT id, timestamp, identity, mutations FROM transactions WHERE seq = ?',
      ),
      changesOf: db.prepare<[number], {document_id: string; before: string | null; after: string | null}>(
        `SELECT r.document_id, r.body AS after,
           (SELECT p.body FROM revisions p WHERE p.document_id = r.document_id AND p.seq < r.seq ORDER BY p.seq DESC LIMIT 1) AS before
         FROM revisions r WHERE r.seq = ? ORDER BY r.document_id`,
      ),
    }
  }

  /** The log position of a transaction, if it exists. */
  seqOf(transactionId: string): number | undefined {
    return this.statements.seqOf.get(transactionId)?.seq
  }

  /** Every change to these documents within the range, oldest first. */
  entries(documentIds: readonly string[], range: HistoryRange = {}): HistoryEntry[] {
    const all = documentIds.flatMap((documentId) =>
      this.statements.entries
        .all(documentId, range.fromSeq ?? 0, range.toSeq ?? Number.MAX_SAFE_INTEGER, range.fromTime ?? '', range.toTime ?? '\uffff')
        .map((row) => ({
          seq: row.seq,
          transactionId: row.id,
          timestamp: row.timestamp,
          identity: row.identity,
          documentId: row.document_id,
          before: parse(row.before),
          after: parse(row.after),
        })),
    )
    return all.sort((a, b) => a.seq - b.seq)
  }

  /** Ids of every document a transaction touched. */
  documentsOf(seq: number): string[] {
    return this.statements.documentsOf.all(seq).map((row) => row.document_id)
  }

  /** A committed transaction as it was announced, read back from the log (undefined: not there). */
  transaction(seq: number): CommittedTransaction | undefined {
    const row = this.statements.transaction.get(seq)
    if (!row) return undefined
    const changes = this.statements.changesOf.all(seq).map((change) => ({id: change.document_id, before: parse(change.before), after: parse(change.after)}))
    return {seq, id: row.id, timestamp: row.timestamp, identity: row.identity, mutations: JSON.parse(row.mutations) as unknown[], changes}
  }

  /** The document as a revision left it (null if that revision deleted it or never existed). */
  atRevision(documentId: string, revision: string): SanityDocument | null {
    return parse(this.statements.atRevision.get(documentId, revision)?.body ?? null)
  }

  /** The document as it was at a moment (ISO time, second precision). */
  atTime(documentId: string, time: string): SanityDocument | null {
    return parse(this.statements.atTime.get(documentId, time)?.body ?? null)
  }
}
