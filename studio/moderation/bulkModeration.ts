import type {SanityClient} from '@sanity/client'
import {type CommentRecordLike, type ModerationActor, PUBLIC_SOURCE_FIELDS, statusChangeMutations} from '../../contract/comment-record'
import type {CommentStatus} from '../../contract/comments'
import {COMMENT_STATUS_ACTIONS, isShownFor, type StatusActionSpec} from '../actions/commentModeration'

/**
 * A decision applied to many comments: each one exactly as its own button would (the same
 * `statusChangeMutations` transaction: status, decision time, public copy, audit entry in the
 * moderator's name), one transaction per comment. So the lake's webhook sees one change per
 * comment and the site reports each to Akismet as if it had been decided alone, and one that
 * fails leaves the others done. A comment already in the wanted status is skipped, so running
 * the same decision again finishes what failed and changes nothing else.
 */

export interface BulkStep extends StatusActionSpec {
  /** What the progress line says while it runs ("Approving"). */
  doing: string
  /** What the outcome says ("approved"). */
  done: string
  /** Worth a confirmation when many comments are chosen. */
  destructive: boolean
}

const spec = (name: (typeof COMMENT_STATUS_ACTIONS)[number]['name']) => COMMENT_STATUS_ACTIONS.find((action) => action.name === name)!

export const BULK_STEPS: readonly BulkStep[] = [
  {...spec('approveComment'), doing: 'Approving', done: 'approved', destructive: false},
  {...spec('markCommentSpam'), doing: 'Marking as spam', done: 'marked as spam', destructive: true},
  {...spec('trashComment'), doing: 'Moving to the trash', done: 'moved to the trash', destructive: true},
  // Back to pending to be looked at once more, as Not spam does for one comment.
  {
    ...spec('markCommentNotSpam'),
    name: 'restoreComments',
    label: 'Restore',
    shownFor: ['spam', 'trash'],
    doing: 'Restoring',
    done: 'restored to pending',
    destructive: false,
  },
]

/** Spam and Trash for more than this many comments ask first. */
export const CONFIRM_ABOVE = 10

export function needsConfirmation(step: BulkStep, count: number): boolean {
  return step.destructive && count > CONFIRM_ABOVE
}

export type OutcomeKind = 'changed' | 'skipped' | 'failed'

export interface Outcome {
  id: string
  kind: OutcomeKind
  /** Why it was skipped or failed, in words for the moderator. */
  reason?: string
}

const STATUS_WORDS: Record<CommentStatus, string> = {pending: 'pending', approved: 'approved', spam: 'spam', trash: 'in the trash'}

const RECORD_QUERY = `*[_id in $ids]{_id, _rev, ${PUBLIC_SOURCE_FIELDS.join(', ')}}`

const isConflict = (error: unknown) => typeof error === 'object' && error !== null && (error as {statusCode?: unknown}).statusCode === 409

export interface BulkRun {
  client: Pick<SanityClient, 'fetch' | 'mutate'>
  ids: readonly string[]
  step: BulkStep
  who: ModerationActor
  /** Called as each comment is done, in the order they finish. */
  onOutcome?: (outcome: Outcome) => void
  /** Changes in flight at once: enough to be quick, few enough to leave the lake to others. */
  concurrency?: number
}

/** One comment: read it, decide whether the step applies, and write it (once more if it changed meanwhile). */
async function changeOne({client, step, who}: BulkRun, id: string): Promise<Outcome> {
  for (let attempt = 0; attempt < 2; attempt++) {
    const found = await client.fetch<(CommentRecordLike & Record<string, unknown>)[]>(
      RECORD_QUERY,
      {ids: [id, `drafts.${id}`]},
      {perspective: 'raw', tag: 'moderation.bulk-read'},
    )
    const record = found.find((document) => document._id === id)
    if (!record) return {id, kind: 'failed', reason: 'It no longer exists.'}
    // A draft holds edits (a redaction) the moderator must see before deciding: decided alone.
    if (found.some((document) => document._id !== id))
      return {id, kind: 'skipped', reason: 'It has unpublished edits: open it to review them and decide there.'}
    const status = (record.status ?? 'pending') as CommentStatus
    if (status === step.status) return {id, kind: 'skipped', reason: `Already ${STATUS_WORDS[status] ?? status}.`}
    if (!isShownFor(step, record)) return {id, kind: 'skipped', reason: `${step.label} is not offered for a comment that is ${STATUS_WORDS[status] ?? status}.`}
    const mutations = statusChangeMutations({record, to: step.status, who, at: new Date(), auditKey: crypto.randomUUID()})
    try {
      await client.mutate(mutations as Parameters<SanityClient['mutate']>[0], {visibility: 'sync', tag: 'moderation.bulk-write'})
      return {id, kind: 'changed'}
    } catch (error) {
      // Someone (or the site) changed it since it was read: read it again and decide again.
      if (isConflict(error) && attempt === 0) continue
      return {id, kind: 'failed', reason: isConflict(error) ? 'It kept changing while this ran: run it again.' : errorText(error)}
    }
  }
  return {id, kind: 'failed', reason: 'It kept changing while this ran: run it again.'}
}

function errorText(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error)
  return `The lake did not take the change (${message.slice(0, 200)}).`
}

/** Applies the step to every id, a few at a time; resolves with every outcome, in the ids' order. */
export async function runBulk(run: BulkRun): Promise<Outcome[]> {
  const {ids, concurrency = 4} = run
  const outcomes: Outcome[] = new Array(ids.length)
  let next = 0
  const worker = async () => {
    while (next < ids.length) {
      const index = next++
      const id = ids[index]!
      const outcome = await changeOne(run, id).catch((error: unknown): Outcome => ({id, kind: 'failed', reason: errorText(error)}))
      outcomes[index] = outcome
      run.onOutcome?.(outcome)
    }
  }
  await Promise.all(Array.from({length: Math.min(concurrency, ids.length)}, worker))
  return outcomes
}

/** "3 approved, 1 skipped, 1 failed", for the progress line and the summary. */
export function outcomeSummary(step: BulkStep, outcomes: readonly Outcome[]): string {
  const count = (kind: OutcomeKind) => outcomes.filter((outcome) => outcome.kind === kind).length
  const parts = [`${count('changed')} ${step.done}`]
  if (count('skipped') > 0) parts.push(`${count('skipped')} skipped`)
  if (count('failed') > 0) parts.push(`${count('failed')} failed`)
  return parts.join(', ')
}
