import {isDraftId, publishedId} from '../ids'
import type {HistoryEntry, HistoryReader} from '../store/history'

/**
 * Studio's document history ("events") for a document and its draft, derived from the
 * transaction log: creating a draft, publishing, unpublishing, discarding and deleting.
 * Edits inside a draft are not events here; Studio builds those from the transactions.
 */

type EventBody = {type: string; documentId: string; [field: string]: unknown}

export type DocumentEvent = EventBody & {
  timestamp: string
  author: string
  documentVariantType: 'published' | 'draft'
}

function eventFor(published: HistoryEntry | undefined, draft: HistoryEntry | undefined, id: string): EventBody | null {
  const draftId = `drafts.${id}`
  const draftCreated = draft && !draft.before && draft.after
  const draftDeleted = draft?.before && !draft.after
  if (published?.after) {
    return {
      type: 'publishDocumentVersion',
      documentId: id,
      revisionId: published.after._rev,
      versionId: draftId,
      ...(draftDeleted ? {versionRevisionId: draft!.before!._rev} : {}),
      publishCause: 'document.publish',
    }
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
  const events: (DocumentEvent & {seq: number})[] = []
  for (const seq of [...bySeq.keys()].sort((a, b) => b - a)) {
    const {published, draft} = bySeq.get(seq)!
    const event = eventFor(published, draft, id)
    const entry = (published ?? draft)!
    if (event) {
      events.push({
        ...event,
        timestamp: entry.timestamp,
        author: entry.identity,
        documentVariantType: isDraftId(requestedId) ? 'draft' : 'published',
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
