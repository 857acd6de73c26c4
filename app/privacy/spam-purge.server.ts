import type {SanityClient} from '@sanity/client'
import {deleteInBatches} from './batched-delete.server'

/**
 * Spam is kept for a while (a moderator may rescue a comment wrongly marked), then deleted
 * with its private details. The clock starts at the comment's last change, i.e. when it was
 * marked spam, so rescuing is always possible for the whole period.
 */

const DAY = 24 * 60 * 60 * 1000

const OLD_SPAM_QUERY = `*[_type == "comment" && status == "spam" && _updatedAt < $cutoff][0...$batch]._id`

export function purgeOldSpam(client: SanityClient, {retentionDays, now = new Date()}: {retentionDays: number; now?: Date}): Promise<number> {
  const cutoff = new Date(now.getTime() - retentionDays * DAY).toISOString()
  return deleteInBatches(client, OLD_SPAM_QUERY, {cutoff}, (id) => [`comment-private.${id}`])
}
