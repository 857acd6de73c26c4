import {z} from 'zod'
import type {SanityClient} from '@sanity/client'
import {purgeExpiredDrafts} from '~/auth/comment-draft.server'
import {parseEnvironment} from '~/env.server'
import {getWriteClient} from '~/sanity/client.server'
import {deleteExpiredCommenterRules} from '~/sanity/commenter-rules.server'
import {deleteOrphanAuditOlderThan, deleteSpamOlderThan, deleteTrashOlderThan, dropDecidedDetailsOlderThan, migrateOldComments} from '~/sanity/comments.server'

/**
 * What the site deletes on a schedule, for as long as it runs (the retention table in
 * docs/privacy.md, decision 0202): spam and trash past their retention, the address hash and
 * sealed spam-check parameters of decided comments, moderation log entries of comments long
 * gone, and comment drafts past their day (kept for readers who went to log in and never came
 * back). Before the first run, comments stored the old way are moved to private records.
 */

const days = z.coerce.number().int().min(1, 'must be 1 or more')
const PurgeEnv = z.object({
  SPAM_RETENTION_DAYS: days.default(30),
  TRASH_RETENTION_DAYS: days.default(30),
  DECIDED_DETAILS_RETENTION_DAYS: days.default(30),
})
export type RetentionDays = {spam: number; trash: number; decidedDetails: number}

const HOUR = 60 * 60 * 1000
const DAY = 24 * HOUR

const daysBefore = (now: Date, count: number) => new Date(now.getTime() - count * DAY)

/**
 * Spam is kept for a while (a moderator may rescue a comment wrongly marked), then deleted
 * with everything belonging to it. The clock starts when it was marked spam, so rescuing is
 * always possible for the whole period.
 */
export function purgeOldSpam(client: SanityClient, {retentionDays, now = new Date()}: {retentionDays: number; now?: Date}): Promise<number> {
  return deleteSpamOlderThan(client, daysBefore(now, retentionDays), now)
}

/** The comment retention rules, one pass; returns how many of each went. */
export async function purgeComments(client: SanityClient, retention: RetentionDays, now = new Date()) {
  const spam = await purgeOldSpam(client, {retentionDays: retention.spam, now})
  const trash = await deleteTrashOlderThan(client, daysBefore(now, retention.trash), now)
  const details = await dropDecidedDetailsOlderThan(client, daysBefore(now, retention.decidedDetails))
  // A deleted comment's log is kept one trash period more: what happened to it can still be answered.
  const audit = await deleteOrphanAuditOlderThan(client, daysBefore(now, retention.trash))
  // Moderators' bans and trusts go once they expire (they stopped applying at that moment).
  const rules = await deleteExpiredCommenterRules(client, now)
  return {spam, trash, details, audit, rules}
}

/** Runs `purge` now and every `everyMs`; failures are logged and retried next time. */
function repeat(everyMs: number, purge: () => Promise<string | null>, what: string): void {
  const run = () =>
    purge().then(
      (report) => {
        if (report) console.log(report)
      },
      (error: unknown) => console.error(`${what} failed (will retry):`, error instanceof Error ? error.message : error),
    )
  void run()
  // Unref'd: the timer alone never keeps the process running.
  setInterval(run, everyMs).unref()
}

/** Starts the purges; a bad retention setting throws at once (the server stops with its name). */
export function schedulePurges(): void {
  const env = parseEnvironment(PurgeEnv, process.env)
  const retention: RetentionDays = {spam: env.SPAM_RETENTION_DAYS, trash: env.TRASH_RETENTION_DAYS, decidedDetails: env.DECIDED_DETAILS_RETENTION_DAYS}
  let migrated = false
  repeat(
    6 * HOUR,
    async () => {
      const moved = migrated ? 0 : await migrateOldComments(getWriteClient())
      migrated = true
      const {spam, trash, details, audit, rules} = await purgeComments(getWriteClient(), retention)
      const done = [
        moved && `moved ${moved} comment(s) stored the old way to private records`,
        spam && `deleted ${spam} spam comment(s) older than ${retention.spam} days`,
        trash && `deleted ${trash} trashed comment(s) older than ${retention.trash} days`,
        details && `dropped the address hash and spam-check details of ${details} comment(s) decided over ${retention.decidedDetails} days ago`,
        audit && `deleted ${audit} moderation log entr(y/ies) of comments gone over ${retention.trash} days`,
        rules && `deleted ${rules} expired ban(s) or trust(s) of commenters`,
      ].filter(Boolean)
      return done.length > 0 ? `Comment retention: ${done.join('; ')}.` : null
    },
    'Comment retention',
  )
  repeat(
    HOUR,
    async () => {
      const count = await purgeExpiredDrafts(getWriteClient())
      return count > 0 ? `Deleted ${count} expired comment draft(s).` : null
    },
    'Draft purge',
  )
}
