import type {SanityClient} from '@sanity/client'
import {z} from 'zod'
import {notifyCommentApproved} from '~/notifications/comment-notifications.server'
import {privateIdFor} from '~/notifications/comment-records.server'
import {getWriteClient} from '~/sanity/client.server'
import {unseal} from '~/security/sealed.server'
import {type AkismetCommentParams, reportHam, reportSpam} from './akismet.server'

/**
 * What follows a comment's status change, wherever it was made (Studio, an email link, a
 * button on the site): the lake's webhook delivers `{_id, status, previousStatus}` and this
 * applies the effects. Marked spam → Akismet hears it missed one; rescued from spam → Akismet
 * hears it was wrong; approved → the commenter (and the parent's author) are told. Deliveries
 * are retried and may repeat, so every effect happens at most once: a marker on the private
 * details records the last report, and the notifications keep their own sent-markers.
 */

const Status = z.enum(['pending', 'approved', 'spam', 'trash'])

export const StatusChange = z.object({
  _id: z.string().min(1),
  status: Status,
  previousStatus: Status.nullish(),
})
export type StatusChange = z.infer<typeof StatusChange>

export type Effect = 'reported-spam' | 'reported-ham' | 'notified-approval'

export interface EffectServices {
  client: SanityClient
  reportSpam(params: AkismetCommentParams): Promise<void>
  reportHam(params: AkismetCommentParams): Promise<void>
  notifyCommentApproved(commentId: string): Promise<void>
}

const defaultServices = (): EffectServices => ({client: getWriteClient(), reportSpam, reportHam, notifyCommentApproved})

/** The Akismet report a change calls for, if any. */
export function reportFor(change: StatusChange): 'spam' | 'ham' | null {
  if (!change.previousStatus || change.previousStatus === change.status) return null
  if (change.status === 'spam' && (change.previousStatus === 'pending' || change.previousStatus === 'approved')) return 'spam'
  if (change.previousStatus === 'spam' && (change.status === 'pending' || change.status === 'approved')) return 'ham'
  return null
}

const PrivateDetails = z.object({
  _rev: z.string(),
  akismetCheck: z.string().nullish(),
  /** The last report sent to Akismet about this comment. */
  akismetReported: z.enum(['spam', 'ham']).nullish(),
})

function isRevisionConflict(error: unknown): boolean {
  return (error as {statusCode?: number} | null)?.statusCode === 409
}

/**
 * Sends the report unless it is already the last one sent. The marker is claimed first (a
 * write conditional on the revision read) so two deliveries at once cannot both report, and
 * put back if Akismet did not take the report, so the lake's retry can try again.
 */
async function reportOnce(services: EffectServices, commentId: string, kind: 'spam' | 'ham'): Promise<boolean> {
  const {client} = services
  const privateId = privateIdFor(commentId)
  for (let attempt = 0; attempt < 5; attempt++) {
    const found = await client.getDocument(privateId)
    if (!found) return false
    const details = PrivateDetails.parse(found)
    if (details.akismetReported === kind) return false
    // Never checked by Akismet (held before the check, or from before it): nothing to resend.
    const params = details.akismetCheck ? unseal<AkismetCommentParams>(details.akismetCheck) : null
    if (!params) {
      console.warn(`Comment ${commentId}: no spam-check parameters to report to Akismet as ${kind}.`)
      return false
    }
    try {
      await client
        .patch(privateId)
        .ifRevisionId(details._rev)
        .set({akismetReported: kind, akismetReportedAt: new Date().toISOString()})
        .commit({visibility: 'sync'})
    } catch (error) {
      if (isRevisionConflict(error)) continue
      throw error
    }
    try {
      await (kind === 'spam' ? services.reportSpam(params) : services.reportHam(params))
    } catch (error) {
      const restore = client.patch(privateId)
      await (details.akismetReported
        ? restore.set({akismetReported: details.akismetReported})
        : restore.unset(['akismetReported', 'akismetReportedAt'])
      ).commit({visibility: 'sync'})
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
export async function applyStatusChange(change: StatusChange, services = defaultServices()): Promise<Effect[]> {
  const current = await services.client.fetch<string | null>(
    '*[_id == $id && _type == "comment"][0].status',
    {id: change._id},
    {perspective: 'raw'},
  )
  if (current !== change.status) return []
  const done: Effect[] = []
  const report = reportFor(change)
  if (report && (await reportOnce(services, change._id, report))) done.push(report === 'spam' ? 'reported-spam' : 'reported-ham')
  if (change.status === 'approved' && change.previousStatus !== 'approved') {
    // Its own sent-markers make a repeat send nothing.
    await services.notifyCommentApproved(change._id)
    done.push('notified-approval')
  }
  return done
}
