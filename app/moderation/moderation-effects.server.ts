import type {SanityClient} from '@sanity/client'
import {z} from 'zod'
import {COMMENT_STATUSES} from '../../contract/comments'
import {commentIdOfRecord} from '../../contract/documents'
import {markAkismetReported, readAkismetState, readCommentStatus, reconcilePublicCopy, restoreAkismetReported} from '~/sanity/comments.server'
import {unseal} from '~/security/sealed.server'

/**
 * What follows a change to a comment's record, wherever it was made (Studio, an email link, a
 * button on the site): the lake's webhook delivers `{_id, status, previousStatus}` (the
 * record's id; no status once it is deleted) and this applies the effects. First the public
 * copy is made to match the record (the status actions write it themselves; an edit published
 * in Studio outside them is caught here). Marked spam → Akismet hears it missed one; rescued from spam → Akismet
 * hears it was wrong; approved → the commenter (and the parent's author) are told. Deliveries
 * are retried and may repeat, so every effect happens at most once: a marker on the private
 * details records the last report, and the notifications keep their own sent-markers.
 */

const Status = z.enum(COMMENT_STATUSES)

export const StatusChange = z.object({
  _id: z.string().min(1),
  status: Status.nullish(),
  previousStatus: Status.nullish(),
})
export type StatusChange = z.infer<typeof StatusChange>

export type Effect = 'public-copy-written' | 'public-copy-deleted' | 'reported-spam' | 'reported-ham' | 'notified-approval'

/**
 * What the effects are carried out with, given by the caller (the webhook's route): the
 * spam service and the emails live in their own folders, which moderation does not import.
 */
export interface EffectServices<P = object> {
  client: SanityClient
  reportSpam(params: P): Promise<void>
  reportHam(params: P): Promise<void>
  notifyCommentApproved(commentId: string): Promise<void>
}

/** The Akismet report a change calls for, if any. */
export function reportFor(change: StatusChange): 'spam' | 'ham' | null {
  if (!change.status || !change.previousStatus || change.previousStatus === change.status) return null
  if (change.status === 'spam' && (change.previousStatus === 'pending' || change.previousStatus === 'approved')) return 'spam'
  if (change.previousStatus === 'spam' && (change.status === 'pending' || change.status === 'approved')) return 'ham'
  return null
}

/**
 * Sends the report unless it is already the last one sent. The marker is claimed first (a
 * write conditional on the revision read) so two deliveries at once cannot both report, and
 * put back if Akismet did not take the report, so the lake's retry can try again.
 */
async function reportOnce<P extends object>(services: EffectServices<P>, commentId: string, kind: 'spam' | 'ham'): Promise<boolean> {
  const {client} = services
  for (let attempt = 0; attempt < 5; attempt++) {
    const details = await readAkismetState(client, commentId)
    if (!details) return false
    if (details.akismetReported === kind) return false
    // Never checked by Akismet (held before the check, or from before it): nothing to resend.
    const params = details.akismetCheck ? unseal<P>(details.akismetCheck) : null
    if (!params) {
      console.warn(`Comment ${commentId}: no spam-check parameters to report to Akismet as ${kind}.`)
      return false
    }
    if (!(await markAkismetReported(client, commentId, details._rev, kind))) continue
    try {
      await (kind === 'spam' ? services.reportSpam(params) : services.reportHam(params))
    } catch (error) {
      await restoreAkismetReported(client, commentId, details.akismetReported)
      throw error
    }
    return true
  }
  throw new Error(`Comment ${commentId}: its private details kept changing; try again.`)
}

/**
 * Applies a delivered status change; returns what it did. A delivery that no longer matches
 * the comment (a late retry after a newer change) does nothing: the newer one has its own.
 * Throws when something should be retried.
 */
export async function applyStatusChange<P extends object>(change: StatusChange, services: EffectServices<P>): Promise<Effect[]> {
  const commentId = commentIdOfRecord(change._id)
  const done: Effect[] = []
  const copy = await reconcilePublicCopy(services.client, commentId)
  if (copy !== 'unchanged') done.push(copy === 'written' ? 'public-copy-written' : 'public-copy-deleted')
  if (!change.status || change.status === change.previousStatus) return done
  const current = await readCommentStatus(services.client, commentId)
  if (current !== change.status) return done
  const report = reportFor(change)
  if (report && (await reportOnce(services, commentId, report))) done.push(report === 'spam' ? 'reported-spam' : 'reported-ham')
  if (change.status === 'approved') {
    // Its own sent-markers make a repeat send nothing.
    await services.notifyCommentApproved(commentId)
    done.push('notified-approval')
  }
  return done
}
