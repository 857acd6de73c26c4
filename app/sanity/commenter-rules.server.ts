import type {SanityClient} from '@sanity/client'
import {z} from 'zod'
import {type CommenterRule, decisiveRule, RULE_MATCHES, RULE_VERDICTS} from '../../contract/commenter-rules'
import {COMMENTER_RULE_ID_PREFIX, DOCUMENT_TYPES} from '../../contract/documents'

/**
 * Moderators' bans and trusts of commenters (decision 0235): the one module that reads and
 * deletes them on the site (Studio makes and edits them). Each is a private document (its id
 * has a dot), so the public API never serves one.
 */

const RULE = DOCUMENT_TYPES.commenterRule

const FoundRule = z.object({
  verdict: z.enum(RULE_VERDICTS),
  match: z.enum(RULE_MATCHES),
  reason: z
    .string()
    .nullish()
    .transform((reason) => reason ?? undefined),
  expiresAt: z
    .string()
    .nullish()
    .transform((at) => at ?? undefined),
})
export type FoundRule = Pick<CommenterRule, 'verdict' | 'match' | 'reason' | 'expiresAt'>

/**
 * The rule that decides for a commenter known by these keys at `now`, or null: expired rules
 * are left out here, at submit time, whether or not the sweep has deleted them yet.
 */
export async function findCommenterRule(client: SanityClient, keys: string[], now: Date): Promise<FoundRule | null> {
  if (keys.length === 0) return null
  const found = await client.fetch(
    `*[_type == $type && _id in path($prefix) && key in $keys && (!defined(expiresAt) || expiresAt > $now)]{verdict, match, reason, expiresAt}`,
    {type: RULE, prefix: `${COMMENTER_RULE_ID_PREFIX}*`, keys, now: now.toISOString()},
    {perspective: 'raw'},
  )
  return decisiveRule(z.array(FoundRule).parse(found), now)
}

/** Deletes the rules that expired before `now` (the retention sweep); returns how many. */
export async function deleteExpiredCommenterRules(client: SanityClient, now: Date): Promise<number> {
  const ids = await client.fetch<string[]>(
    `*[_type == $type && _id in path($prefix) && defined(expiresAt) && expiresAt <= $now]._id`,
    {type: RULE, prefix: `${COMMENTER_RULE_ID_PREFIX}*`, now: now.toISOString()},
    {perspective: 'raw'},
  )
  if (ids.length === 0) return 0
  const transaction = client.transaction()
  // A Studio draft of an expired rule goes with it, or it would publish the rule again.
  for (const id of ids) transaction.delete(id).delete(`drafts.${id}`)
  await transaction.commit({visibility: 'sync'})
  return ids.length
}
