import type {SanityClient} from '@sanity/client'

/**
 * Once-only markers on a commenter's private details: "sent" markers, so a retried webhook or
 * a repeated status change never emails anyone twice, and "used" markers, so each kind of
 * emailed moderation link acts once. Claiming sets the marker only if nobody set it first (the
 * write is conditional on the revision that was read, so it holds across site processes and
 * restarts); work that fails releases it so a later try may go ahead.
 */
export type SentMarker = 'moderatorsNotifiedAt' | 'approvalNotifiedAt' | 'replyNotifiedAt'
export type LinkUsedMarker = 'approveLinkUsedAt' | 'spamLinkUsedAt' | 'trashLinkUsedAt'
type OnceMarker = SentMarker | LinkUsedMarker

function isRevisionConflict(error: unknown): boolean {
  return (error as {statusCode?: number} | null)?.statusCode === 409
}

export async function claimMarker(client: SanityClient, documentId: string, marker: OnceMarker): Promise<boolean> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const document = await client.getDocument(documentId)
    if (!document || document[marker]) return false
    try {
      await client
        .patch(documentId)
        .ifRevisionId(document._rev)
        .set({[marker]: new Date().toISOString()})
        .commit({visibility: 'sync'})
      return true
    } catch (error) {
      // Someone else changed it between our read and write: read again and decide afresh.
      if (!isRevisionConflict(error)) throw error
    }
  }
  return false
}

export async function releaseMarker(client: SanityClient, documentId: string, marker: OnceMarker): Promise<void> {
  await client.patch(documentId).unset([marker]).commit({visibility: 'sync'})
}
