import {CheckmarkCircleIcon} from '@sanity/icons/CheckmarkCircle'
import {ErrorOutlineIcon} from '@sanity/icons/ErrorOutline'
import {ResetIcon} from '@sanity/icons/Reset'
import {TrashIcon} from '@sanity/icons/Trash'
import {UndoIcon} from '@sanity/icons/Undo'
import type {ComponentType} from 'react'
import type {DocumentActionDescription} from 'sanity'
import {MODERATOR_EDITABLE_FIELDS} from '../../contract/comment-record'
import {COMMENT_STATUSES, type CommentStatus} from '../../contract/comments'

/** One moderation step: the status it sets and the statuses it is offered from. */
export interface StatusActionSpec {
  name: string
  label: string
  status: CommentStatus
  shownFor: readonly CommentStatus[]
  icon: ComponentType
  tone?: DocumentActionDescription['tone']
}

/**
 * The moderation steps, kept as data so which button appears for which status can be tested
 * without rendering Studio. A trashed comment can still be approved (a moderator who trashed
 * it by mistake); a spam one goes back to pending first, so it is looked at once more.
 */
export const COMMENT_STATUS_ACTIONS = [
  {
    name: 'approveComment',
    label: 'Approve',
    status: 'approved',
    shownFor: ['pending', 'trash'],
    icon: CheckmarkCircleIcon,
    tone: 'positive',
  },
  {name: 'unapproveComment', label: 'Unapprove', status: 'pending', shownFor: ['approved'], icon: UndoIcon},
  {
    name: 'markCommentSpam',
    label: 'Spam',
    status: 'spam',
    shownFor: ['pending', 'approved'],
    icon: ErrorOutlineIcon,
    tone: 'caution',
  },
  {name: 'markCommentNotSpam', label: 'Not spam', status: 'pending', shownFor: ['spam'], icon: ResetIcon},
  {
    name: 'trashComment',
    label: 'Trash',
    status: 'trash',
    shownFor: ['pending', 'approved', 'spam'],
    icon: TrashIcon,
    tone: 'critical',
  },
] as const satisfies readonly StatusActionSpec[]

const KNOWN_STATUSES: readonly string[] = COMMENT_STATUSES

/**
 * Whether a step is offered for a comment as the moderator sees it (its draft if it has one).
 * A comment not yet saved has nothing to moderate; one without a status is pending, the
 * field's initial value.
 */
export function isShownFor(spec: StatusActionSpec, comment: Readonly<Record<string, unknown>> | null): boolean {
  if (!comment) return false
  const status = typeof comment.status === 'string' && KNOWN_STATUSES.includes(comment.status) ? comment.status : 'pending'
  return (spec.shownFor as readonly string[]).includes(status)
}

/**
 * The fields a moderator may edit, as their draft has them (a field missing from the draft was
 * cleared), to publish with a status change.
 */
export function editsFromDraft(draft: Readonly<Record<string, unknown>>): Record<(typeof MODERATOR_EDITABLE_FIELDS)[number], unknown> {
  return Object.fromEntries(MODERATOR_EDITABLE_FIELDS.map((field) => [field, draft[field]])) as Record<(typeof MODERATOR_EDITABLE_FIELDS)[number], unknown>
}
