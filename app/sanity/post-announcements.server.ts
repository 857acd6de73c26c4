import type {SanityClient} from '@sanity/client'
import {DOCUMENT_TYPES, POST_ANNOUNCEMENT_ID_PREFIX} from '../../contract/documents'

/**
 * The markers that a post's "new post" email went out: one private document per post
 * (`post-announced.<postId>`), created before sending; creating it twice fails, so a post is
 * announced once, ever.
 */

/** Creates the post's marker; false if it exists (announced already, or being announced). */
export async function claimAnnouncement(client: SanityClient, postId: string): Promise<boolean> {
  try {
    await client.create(
      {
        _id: `${POST_ANNOUNCEMENT_ID_PREFIX}${postId}`,
        _type: DOCUMENT_TYPES.postAnnouncement,
        post: {_type: 'reference', _ref: postId, _weak: true},
        announcedAt: new Date().toISOString(),
      },
      {visibility: 'sync'},
    )
    return true
  } catch (error) {
    if ((error as {statusCode?: number} | null)?.statusCode === 409) return false
    throw error
  }
}

/** Nobody got the email: the marker goes, so the webhook's retry can try again. */
export async function releaseAnnouncement(client: SanityClient, postId: string): Promise<void> {
  await client.delete(`${POST_ANNOUNCEMENT_ID_PREFIX}${postId}`)
}
