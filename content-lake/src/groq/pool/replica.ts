import Database from 'better-sqlite3'
import {DocumentMemory} from '../../store/document-memory'
import type {SanityDocument} from '../../types'
import type {CommittedChanges} from './feed'

/**
 * A query worker's read-only copy of one dataset: loaded from the dataset's SQLite file (its
 * own connection, which WAL lets read beside the writer), then kept current by the writer's
 * commit messages. Messages at or below the loaded position are already in the copy.
 */
export class Replica {
  readonly memory: DocumentMemory
  private applied: number
  private readonly waiters: {seq: number; resolve: () => void}[] = []

  constructor(file: string) {
    const db = new Database(file, {readonly: true, fileMustExist: true})
    try {
      // One read transaction: the documents and the log position they correspond to.
      const {documents, seq} = db.transaction(() => ({
        documents: db
          .prepare<[], {body: string}>('SELECT body FROM documents')
          .all()
          .map((row) => JSON.parse(row.body) as SanityDocument),
        seq: db.prepare<[], {seq: number}>('SELECT coalesce(max(seq), 0) AS seq FROM transactions').get()!.seq,
      }))()
      this.memory = new DocumentMemory(documents)
      this.applied = seq
      // The site's search and Studio's search need the text index: its background build starts now.
      void this.memory.indexes.text
    } finally {
      db.close()
    }
  }

  apply({seq, documents}: CommittedChanges): void {
    if (seq <= this.applied) return
    this.memory.apply(documents.map(({id, after}) => ({id, before: this.memory.get(id) ?? null, after})))
    this.applied = seq
    for (const waiter of this.waiters.filter((w) => w.seq <= seq)) {
      this.waiters.splice(this.waiters.indexOf(waiter), 1)
      waiter.resolve()
    }
  }

  /** Resolves once every commit up to `seq` is in the copy: what the caller's earlier writes need. */
  caughtUp(seq: number): Promise<void> {
    if (seq <= this.applied) return Promise.resolve()
    return new Promise((resolve) => this.waiters.push({seq, resolve}))
  }
}
