import type {SanityClient} from '@sanity/client'
import {z} from 'zod'
import {parseEnvironment} from '~/env.server'
import {getWriteClient} from '~/sanity/client.server'

/**
 * Spam is kept for a while (a moderator may rescue a comment wrongly marked), then deleted
 * with its private details. The clock starts at the comment's last change, i.e. when it was
 * marked spam, so rescuing is always possible for the whole period.
 */

const PurgeEnv = z.object({
  SPAM_RETENTION_DAYS: z.coerce.number().int().min(1, 'must be 1 or more').default(30),
})

const DAY = 24 * 60 * 60 * 1000
const EVERY = 6 * 60 * 60 * 1000
// Bounded transactions: a backlog of spam is purged a batch at a time.
const BATCH = 200

const OLD_SPAM_QUERY = `*[_type == "comment" && status == "spam" && _updatedAt < $cutoff][0...$batch]._id`

export async function purgeOldSpam(client: SanityClient, {retentionDays, now = new Date()}: {retentionDays: number; now?: Date}): Promise<number> {
  const cutoff = new Date(now.getTime() - retentionDays * DAY).toISOString()
  let purged = 0
  for (;;) {
    const ids = await client.fetch<string[]>(OLD_SPAM_QUERY, {cutoff, batch: BATCH}, {perspective: 'raw'})
    if (ids.length === 0) return purged
    const transaction = client.transaction()
    for (const id of ids) transaction.delete(id).delete(`comment-private.${id}`)
    await transaction.commit({visibility: 'sync'})
    purged += ids.length
    if (ids.length < BATCH) return purged
  }
}

/** Purges at start and every 6 hours for as long as the server runs; failures are logged and retried next time. */
export function scheduleSpamPurge(): void {
  const {SPAM_RETENTION_DAYS} = parseEnvironment(PurgeEnv, process.env)
  const run = () =>
    purgeOldSpam(getWriteClient(), {retentionDays: SPAM_RETENTION_DAYS}).then(
      (count) => {
        if (count > 0) console.log(`Deleted ${count} spam comment(s) older than ${SPAM_RETENTION_DAYS} days.`)
      },
      (error: unknown) => console.error('Spam purge failed (will retry in 6 hours):', error instanceof Error ? error.message : error),
    )
  void run()
  // Unref'd: the timer alone never keeps the process running.
  setInterval(run, EVERY).unref()
}
