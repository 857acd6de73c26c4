import type {SanityClient} from '@sanity/client'

/**
 * "Sent" markers on a commenter's private details, so a retried webhook or a repeated status
 * change never emails anyone twice. Claiming sets the marker only if nobody set it first (the
 * write is conditional on the revision that was read); a send that fails releases it so a
 * later retry may try again.
 */
export type SentMarker = 'moderatorsNotifiedAt' | 'approvalNotifiedAt' | 'replyNotifiedAt'

function isRevisionConflict(error: unknown): boolean {
  return (error as {statusCode?: number} | null)?.statusCode === 409
}

export async function claimMarker(client: SanityClient, documentId: string, marker: SentMarker): Promise<boolean> {
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

export async function releaseMarker(client: SanityClient, documentId: string, marker: SentMarker): Promise<void> {
  await client.patch(documentId).unset([marker]).commit({visibility: 'sync'})
}
