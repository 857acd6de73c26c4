import type {HistoryEntry, HistoryReader} from '../store/history'
import {type MendozaPatch, mendozaEffects} from './mendoza'

export interface TransactionQuery {
  fromTransaction?: string
  toTransaction?: string
  fromTime?: string
  toTime?: string
  authors?: string[]
  limit?: number
  reverse: boolean
  excludeContent: boolean
  mendozaEffects: boolean
  includeIdentifiedDocumentsOnly: boolean
}

export interface HistoryTransaction {
  id: string
  timestamp: string
  author: string
  documentIDs: string[]
  effects?: Record<string, {apply: MendozaPatch; revert: MendozaPatch}>
}

/** Thrown for a `fromTransaction`/`toTransaction` the dataset never saw. */
export class UnknownTransactionError extends Error {
  override name = 'UnknownTransactionError'
}

function seqOf(reader: HistoryReader, id: string | undefined): number | undefined {
  if (id === undefined || id === '') return undefined
  const seq = reader.seqOf(id)
  if (seq === undefined) throw new UnknownTransactionError(`Transaction "${id}" not found`)
  return seq
}

/**
 * The transactions that touched some documents, in the shape Studio's history reads:
 * `{id, timestamp, author, documentIDs, effects}`, oldest first unless `reverse`.
 * `fromTransaction` and `toTransaction` are inclusive.
 */
export function documentTransactions(reader: HistoryReader, documentIds: string[], query: TransactionQuery): HistoryTransaction[] {
  const entries = reader.entries(documentIds, {
    fromSeq: seqOf(reader, query.fromTransaction),
    toSeq: seqOf(reader, query.toTransaction),
    fromTime: query.fromTime,
    toTime: query.toTime,
  })
  const bySeq = new Map<number, HistoryEntry[]>()
  for (const entry of entries) {
    if (query.authors && !query.authors.includes(entry.identity)) continue
    bySeq.set(entry.seq, [...(bySeq.get(entry.seq) ?? []), entry])
  }
  let seqs = [...bySeq.keys()].sort((a, b) => a - b)
  if (query.reverse) seqs.reverse()
  if (query.limit !== undefined) seqs = seqs.slice(0, query.limit)
  return seqs.map((seq) => {
    const changes = bySeq.get(seq)!
    const [first] = changes
    return {
      id: first!.transactionId,
      timestamp: first!.timestamp,
      author: first!.identity,
      documentIDs: query.includeIdentifiedDocumentsOnly ? changes.map((c) => c.documentId) : reader.documentsOf(seq),
      // `excludeContent` leaves out mutations' contents (this lake sends no mutations), never
      // the effects: Studio asks `excludeContent=true&effectFormat=mendoza` and reads `effects`.
      // They are encoded only when asked for, and only for the transactions answered.
      ...(query.mendozaEffects ? {effects: Object.fromEntries(changes.map((c) => [c.documentId, mendozaEffects(c.before, c.after)]))} : {}),
    }
  })
}
