import type {CommentStatus} from '../../contract/comments'
import type {ReaderIdentity} from '../../contract/identity'

/**
 * Who may edit or delete a comment, and until when (decision 0232): its writer alone, known by
 * the reader's sealed session (which lists the comments it posted: the browser can read or
 * forge neither the list nor the cookie) or by the signed-in account that wrote it; only while
 * it is not decided against (pending, approved, or spam shown to them as held); and only for
 * COMMENT_EDIT_MINUTES after the `submittedAt` stored on the record, never a time the browser sends.
 */

/** `busy`: the reader's network asked for these pages too often just now (writer-changes.server.ts). */
export type WriterRefusal = 'not-found' | 'not-yours' | 'too-late' | 'busy'

export interface ReaderClaims {
  /** The comment ids the reader's session posted. */
  ownComments: readonly string[]
  identity?: Pick<ReaderIdentity, 'provider' | 'accountId'> | undefined
}

export interface WriterFacts {
  commentId: string
  status: CommentStatus
  submittedAt: string
  provider: string
  providerAccountId?: string | null | undefined
}

const CHANGEABLE: readonly CommentStatus[] = ['pending', 'approved', 'spam']

/** The moment a comment's writer can no longer change it. */
export function changeableUntil(submittedAt: string, editMinutes: number): Date {
  return new Date(new Date(submittedAt).getTime() + editMinutes * 60_000)
}

export function isWriter(comment: WriterFacts, reader: ReaderClaims): boolean {
  if (reader.ownComments.includes(comment.commentId)) return true
  const {identity} = reader
  return Boolean(identity && comment.provider === identity.provider && comment.providerAccountId === identity.accountId)
}

/**
 * Null when the reader may change the comment now; otherwise why not. A stranger is told it is
 * not theirs before anything about its time, so they learn nothing of when it was written.
 */
export function writerRefusal(comment: WriterFacts | null, reader: ReaderClaims, now: Date, editMinutes: number): WriterRefusal | null {
  if (!comment || !CHANGEABLE.includes(comment.status)) return 'not-found'
  if (!isWriter(comment, reader)) return 'not-yours'
  if (editMinutes <= 0 || now.getTime() >= changeableUntil(comment.submittedAt, editMinutes).getTime()) return 'too-late'
  return null
}
