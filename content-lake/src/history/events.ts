import {isDraftId, publishedId} from '../ids'
import type {HistoryEntry, HistoryReader} from '../store/history'

/**
 * Studio's document history ("events") for a document and its draft, derived from the
 * transaction log: creating a draft, publishing, unpublishing, discarding and deleting, and
 * writes straight to the published document.
 * Edits inside a draft are not events here; Studio builds those from the transactions.
 */

type EventBody = {type: string; documentId: string; [field: string]: unknown}

export type DocumentEvent = EventBody & {
  timestamp: string
  author: string
  documentVariantType: 'published' | 'draft'
}

type Variant = DocumentEvent['documentVariantType']

/**
 * The event one transaction makes of a document group, as seen from one variant. A published
 * document written without a publish (the API, an import, the seed) is a "live" create or
 * update, as in Sanity's Events API; only a transaction that also removes the draft publishes
 * it. Studio reads a publish event's draft revision (`versionRevisionId`, or else `revisionId`)
 * as a revision of the draft, so a publish with no draft behind it would send "Review changes"
 * to a draft revision that never existed.
 */
function eventFor(published: HistoryEntry | undefined, draft: HistoryEntry | undefined, id: string, variant: Variant): EventBody | null {
  const draftId = `drafts.${id}`
  const draftCreated = draft && !draft.before && draft.after
  const draftDeleted = draft?.before && !draft.after
  if (published?.after && draftDeleted) {
    return {
      type: 'publishDocumentVersion',
      documentId: id,
      revisionId: published.after._rev,
      versionId: draftId,
      versionRevisionId: draft!.before!._rev,
      publishCause: 'document.publish',
    }
  }
  // Live writes belong to the published document's history only: the draft's shows its own.
  if (published?.after && variant === 'published') {
    return {type: published.before ? 'updateLiveDocument' : 'createLiveDocument', documentId: id, revisionId: published.after._rev}
  }
  if (published && !published.after) {
    return draftCreated
      ? {type: 'unpublishDocument', documentId: id, versionId: draftId, versionRevisionId: draft!.after!._rev}
      : {type: 'deleteDocumentGroup', documentId: id}
  }
  if (draftCreated) return {type: 'createDocumentVersion', documentId: id, versionId: draftId, versionRevisionId: draft!.after!._rev}
  if (draftDeleted) return {type: 'deleteDocumentVersion', documentId: id, versionId: draftId, versionRevisionId: draft!.before!._rev}
  return null
}

/** Newest first; `cursor` continues below a previous page's last event. */
export function documentEvents(
  reader: HistoryReader,
  requestedId: string,
  {limit, cursor}: {limit: number; cursor?: number},
): {events: DocumentEvent[]; nextCursor: string} {
  const id = publishedId(requestedId)
  const entries = reader.entries([id, `drafts.${id}`], cursor ? {toSeq: cursor - 1} : {})
  const bySeq = new Map<number, {published?: HistoryEntry; draft?: HistoryEntry}>()
  for (const entry of entries) {
    const slot = bySeq.get(entry.seq) ?? {}
    if (entry.documentId === id) slot.published = entry
    else slot.draft = entry
    bySeq.set(entry.seq, slot)
  }
  const variant: Variant = isDraftId(requestedId) ? 'draft' : 'published'
  const events: (DocumentEvent & {seq: number})[] = []
  for (const seq of [...bySeq.keys()].sort((a, b) => b - a)) {
    const {published, draft} = bySeq.get(seq)!
    const event = eventFor(published, draft, id, variant)
    const entry = (published ?? draft)!
    if (event) {
      events.push({
        ...event,
        timestamp: entry.timestamp,
        author: entry.identity,
        documentVariantType: variant,
        seq,
      })
    }
  }
  const page = events.slice(0, limit)
  const more = events.length > limit
  return {
    events: page.map(({seq: _seq, ...event}) => event),
    nextCursor: more ? String(page.at(-1)!.seq) : '',
  }
}
