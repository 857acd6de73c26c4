import {z} from 'zod'
import type {SanityClient} from '@sanity/client'
import {purgeExpiredDrafts} from '~/auth/comment-draft.server'
import {parseEnvironment} from '~/env.server'
import {getWriteClient} from '~/sanity/client.server'
import {deleteSpamOlderThan} from '~/sanity/comments.server'

/**
 * What the site deletes on a schedule, for as long as it runs: spam past its retention, and
 * comment drafts past their day (kept for readers who went to log in and never came back).
 */

const PurgeEnv = z.object({
  SPAM_RETENTION_DAYS: z.coerce.number().int().min(1, 'must be 1 or more').default(30),
})

const HOUR = 60 * 60 * 1000
const DAY = 24 * HOUR

/**
 * Spam is kept for a while (a moderator may rescue a comment wrongly marked), then deleted
 * with its private details. The clock starts at the comment's last change, i.e. when it was
 * marked spam, so rescuing is always possible for the whole period.
 */
export function purgeOldSpam(client: SanityClient, {retentionDays, now = new Date()}: {retentionDays: number; now?: Date}): Promise<number> {
  return deleteSpamOlderThan(client, new Date(now.getTime() - retentionDays * DAY))
}

/** Runs `purge` now and every `everyMs`; failures are logged and retried next time. */
function repeat(everyMs: number, purge: () => Promise<number>, report: (count: number) => string, what: string): void {
  const run = () =>
    purge().then(
      (count) => {
        if (count > 0) console.log(report(count))
      },
      (error: unknown) => console.error(`${what} failed (will retry):`, error instanceof Error ? error.message : error),
    )
  void run()
  // Unref'd: the timer alone never keeps the process running.
  setInterval(run, everyMs).unref()
}

/** Starts the purges; a bad SPAM_RETENTION_DAYS throws at once (the server stops with its name). */
export function schedulePurges(): void {
  const {SPAM_RETENTION_DAYS} = parseEnvironment(PurgeEnv, process.env)
  repeat(
    6 * HOUR,
    () => purgeOldSpam(getWriteClient(), {retentionDays: SPAM_RETENTION_DAYS}),
    (count) => `Deleted ${count} spam comment(s) older than ${SPAM_RETENTION_DAYS} days.`,
    'Spam purge',
  )
  repeat(
    HOUR,
    () => purgeExpiredDrafts(getWriteClient()),
    (count) => `Deleted ${count} expired comment draft(s).`,
    'Draft purge',
  )
}
