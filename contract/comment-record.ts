import type {CommentStatus} from './comments'
import {COMMENT_AUDIT_ID_PREFIX, commentIdOfRecord, DOCUMENT_TYPES} from './documents'

/**
 * What is public about a comment, and how a moderator's decision is written. Plain data and
 * pure functions: the site's comment owner and the Studio's moderation actions both write
 * status changes with `statusChangeMutations`, so a comment's public copy, its record and its
 * audit entry can never disagree about who decided what (decision 0200).
 */

interface Reference {
  _type?: string
  _ref: string
  _weak?: boolean
}

/** The fields of a comment record the public copy is made from (the record holds many more). */
export interface CommentRecordLike {
  _id: string
  _rev?: string
  status?: string
  post?: Reference
  /** The record of the comment this one answers. */
  parent?: Reference
  authorName?: string
  authorWebsite?: string
  provider?: string
  body?: string
  submittedAt?: string
  byPostAuthor?: boolean
}

/** A comment as anyone may read it: no status, reasons, account id, email or address. */
export interface PublicComment {
  _id: string
  _type: typeof DOCUMENT_TYPES.publicComment
  post: Reference
  parent?: Reference
  authorName: string
  authorWebsite?: string
  provider: string
  body: string
  submittedAt: string
  byPostAuthor?: true
}

/** The record's fields its public copy is made from: a change to any of them may change the copy. */
export const PUBLIC_SOURCE_FIELDS = ['status', 'post', 'parent', 'authorName', 'authorWebsite', 'provider', 'body', 'submittedAt', 'byPostAuthor'] as const

/** What Studio lets a moderator edit on a comment; a status action publishes these from a draft. */
export const MODERATOR_EDITABLE_FIELDS = ['post', 'parent', 'authorName', 'authorWebsite', 'body'] as const

function weakReference(id: string): Reference {
  return {_type: 'reference', _ref: id, _weak: true}
}

/**
 * The one place that decides what of a comment is public: its public copy while it is
 * approved, or null (no public document may exist for it).
 */
export function publicCommentOf(record: CommentRecordLike): PublicComment | null {
  if (record.status !== 'approved' || !record.post?._ref) return null
  return {
    _id: commentIdOfRecord(record._id),
    _type: DOCUMENT_TYPES.publicComment,
    post: weakReference(record.post._ref),
    ...(record.parent?._ref ? {parent: weakReference(commentIdOfRecord(record.parent._ref))} : {}),
    authorName: record.authorName ?? '',
    ...(record.authorWebsite ? {authorWebsite: record.authorWebsite} : {}),
    provider: record.provider ?? 'guest',
    body: record.body ?? '',
    submittedAt: record.submittedAt ?? '',
    ...(record.byPostAuthor === true ? {byPostAuthor: true as const} : {}),
  }
}

/** Who made a moderation decision, as the audit log records it. */
export type ModerationActor =
  | {kind: 'studio'; userId: string; name?: string}
  | {kind: 'moderator'; provider: string; accountId: string; name?: string}
  | {kind: 'email'; address?: string}
  | {kind: 'site'; task: string}
  /** The comment's own writer, editing or deleting it within the time allowed (never their account id or address). */
  | {kind: 'reader'; action: 'edit' | 'delete'}

export const ACTOR_KINDS = ['studio', 'moderator', 'email', 'site', 'reader'] as const

/** An earlier text of a comment its writer edited: kept privately on the record, for moderators. */
export interface CommentRevision {
  _key: string
  body: string
  /** When the writer replaced this text. */
  editedAt: string
}

/** How many earlier texts a record keeps (the oldest go first): a writer can't grow it without bound. */
export const MAX_COMMENT_REVISIONS = 10

/** One status change of one comment: private, only ever created. */
export interface CommentAuditEntry {
  _id: string
  _type: typeof DOCUMENT_TYPES.commentAudit
  comment: Reference
  from: string | null
  to: string
  at: string
  who: ModerationActor
  why?: string
}

export interface StatusChange {
  /** The record as read (its `_rev` guards the write: a change in between makes it fail with 409). */
  record: CommentRecordLike
  to: CommentStatus
  who: ModerationActor
  why?: string | undefined
  at: Date
  /** A fresh random id for the audit entry (the caller's crypto.randomUUID()). */
  auditKey: string
  /** A Studio draft's edits published with the decision (MODERATOR_EDITABLE_FIELDS only). */
  edits?: Partial<Record<(typeof MODERATOR_EDITABLE_FIELDS)[number], unknown>> | undefined
}

/** An audit entry: `from` is null for a comment's first status (a new comment). */
export function commentAuditEntry(entry: {
  recordId: string
  from: string | null
  to: string
  at: Date
  who: ModerationActor
  why?: string | undefined
  auditKey: string
}): CommentAuditEntry {
  const why = entry.why?.trim()
  return {
    _id: `${COMMENT_AUDIT_ID_PREFIX}${entry.auditKey}`,
    _type: DOCUMENT_TYPES.commentAudit,
    comment: weakReference(entry.recordId),
    from: entry.from,
    to: entry.to,
    at: entry.at.toISOString(),
    who: {...entry.who},
    ...(why ? {why: why.slice(0, 500)} : {}),
  }
}

type Mutation =
  | {patch: {id: string; ifRevisionID?: string; set: Record<string, unknown>; unset?: string[]}}
  | {createOrReplace: Record<string, unknown>}
  | {create: Record<string, unknown>}
  | {delete: {id: string}}

/**
 * The mutations of one status change, to commit as one transaction: the record's new status
 * and decision time, the public copy made (approved) or deleted (anything else), and the
 * audit entry.
 */
export function statusChangeMutations(change: StatusChange): Mutation[] {
  const {record, to, at, edits = {}} = change
  // A draft without a field the record has means the moderator cleared it.
  const edited = MODERATOR_EDITABLE_FIELDS.filter((field) => field in edits)
  const removed = edited.filter((field) => edits[field] === undefined && record[field] !== undefined)
  const set: Record<string, unknown> = {
    ...Object.fromEntries(edited.filter((field) => edits[field] !== undefined).map((field) => [field, edits[field]])),
    status: to,
    decidedAt: at.toISOString(),
  }
  const kept = Object.fromEntries(Object.entries(record).filter(([field]) => !(removed as string[]).includes(field)))
  const copy = publicCommentOf({...kept, ...set, _id: record._id})
  const entry = commentAuditEntry({recordId: record._id, from: record.status ?? null, to, at, who: change.who, why: change.why, auditKey: change.auditKey})
  return [
    {patch: {id: record._id, ...(record._rev ? {ifRevisionID: record._rev} : {}), set, ...(removed.length > 0 ? {unset: [...removed]} : {})}},
    copy ? {createOrReplace: {...copy}} : {delete: {id: commentIdOfRecord(record._id)}},
    {create: {...entry}},
  ]
}
