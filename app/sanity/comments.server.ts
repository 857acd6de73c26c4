import {randomUUID} from 'node:crypto'
import {isDeepStrictEqual} from 'node:util'
import type {SanityClient} from '@sanity/client'
import {z} from 'zod'
import {
  type CommentRecordLike,
  type CommentRevision,
  commentAuditEntry,
  MAX_COMMENT_REVISIONS,
  type ModerationActor,
  publicCommentOf,
  statusChangeMutations,
} from '../../contract/comment-record'
import {REPORT_REASONS, type ReportReason, reportReasonSummary, type StoredReport} from '../../contract/comment-reports'
import {COMMENT_STATUSES, type CommentStatus, MAX_STORED_REPORTS, NEEDS_CARE, PERSONAL_DETAILS, type SpamVerdict} from '../../contract/comments'
import {COMMENT_RECORD_ID_PREFIX, commentIdOfRecord, commentRecordId, DOCUMENT_TYPES} from '../../contract/documents'
import type {ReaderIdentity} from '../../contract/identity'
import {PublishedPost} from '../../contract/post'
import {postPath} from '~/lib/permalink'
import {seal} from '~/security/sealed.server'
import {queryPublished} from './client.server'
import {commentsTag, pageShows, POST_LISTS, postTag, RECENT_COMMENTS} from './page-dependencies.server'
import {LISTABLE_POST} from './queries'
import {MODERATION_FIELD, ModerationSettings, TIME_ZONE_FIELD, TimeZone} from './site-settings.server'

/**
 * Comments in the Content Lake: the one module that reads and writes them (decision 0200).
 *
 * A comment's **record** (`comment-private.<id>`, type `comment`) holds everything about it:
 * status, text, name, reasons, account id, email, a keyed hash of the network address, the
 * sealed spam-check parameters, notification wishes and once-only markers. Its id has a dot,
 * so only token holders can read it, in the local lake and on hosted Sanity alike. While (and
 * only while) it is approved, the comment also has a **public copy** (`<id>`, type
 * `publicComment`) with what readers see, derived by contract/comment-record.ts. Every status
 * change writes the record, the copy (made or deleted) and an audit entry in one transaction.
 *
 * Public pages read the public copies through the token-less client; everything else reads
 * records through the write client the caller passes, in the raw perspective (the only one
 * sure to show ids with a dot on hosted Sanity too). Callers name comments by their comment id
 * (`comment-<uuid>`); record ids stay inside this module.
 */

const COMMENT = DOCUMENT_TYPES.comment
const PUBLIC_COMMENT = DOCUMENT_TYPES.publicComment
const AUDIT = DOCUMENT_TYPES.commentAudit

export function newCommentId(): string {
  return `comment-${randomUUID()}`
}

const recordIds = (commentIds: string[]) => commentIds.map(commentRecordId)

/** What a comment is stored from: the form's fields as the pipeline validated them. */
export interface StoredSubmission {
  name: string
  email?: string
  website?: string
  body: string
  parentId?: string
  notifyReplies: boolean
  notifyPosts: boolean
  identity?: Pick<ReaderIdentity, 'provider' | 'accountId'>
}

export interface NewComment {
  id: string
  post: {_id: string}
  submission: StoredSubmission
  status: CommentStatus
  spamVerdict: SpamVerdict
  reasons: string[]
  submittedAt: Date
  networkAddressHash: string
  /** A keyed hash of the sender's network (IPv4 /24, IPv6 /48): what a moderator's ban or trust of a network matches. */
  networkPrefixHash?: string | undefined
  userAgent: string
  /** What the spam check was sent: kept sealed, for reports of a wrong verdict. */
  akismetParams?: object
  /** Written by the post's author (a moderator who writes as them): shown with a badge. */
  byPostAuthor?: boolean
}

const weakReference = (id: string) => ({_type: 'reference', _ref: id, _weak: true})

/**
 * A comment's record and, when it arrives approved, its public copy, as the site stores them:
 * the one place that decides what a record holds (the WordPress importer stores imported
 * comments through it).
 */
export function commentDocuments(comment: NewComment) {
  const {submission} = comment
  const record = {
    _id: commentRecordId(comment.id),
    _type: COMMENT,
    status: comment.status,
    // A comment that arrives decided (published, spam, trash) starts its retention clock now.
    ...(comment.status === 'pending' ? {} : {decidedAt: comment.submittedAt.toISOString()}),
    post: weakReference(comment.post._id),
    ...(submission.parentId ? {parent: weakReference(commentRecordId(submission.parentId))} : {}),
    authorName: submission.name,
    ...(submission.website ? {authorWebsite: submission.website} : {}),
    provider: submission.identity?.provider ?? 'guest',
    ...(submission.identity ? {providerAccountId: submission.identity.accountId} : {}),
    body: submission.body,
    spamVerdict: comment.spamVerdict,
    ...(comment.reasons.length > 0 ? {spamReason: comment.reasons.join(' ')} : {}),
    submittedAt: comment.submittedAt.toISOString(),
    ...(comment.byPostAuthor ? {byPostAuthor: true} : {}),
    ...(submission.email ? {email: submission.email} : {}),
    ...(comment.networkAddressHash ? {networkAddressHash: comment.networkAddressHash} : {}),
    ...(comment.networkPrefixHash ? {networkPrefixHash: comment.networkPrefixHash} : {}),
    userAgent: comment.userAgent.slice(0, 500),
    notifyReplies: submission.notifyReplies,
    notifyPosts: submission.notifyPosts,
    // Akismet asks for reports with the parameters it checked, address included; sealed,
    // they are readable by the site alone, and go after the retention period (or with the comment).
    ...(comment.akismetParams ? {akismetCheck: seal(comment.akismetParams)} : {}),
  }
  return {record, publicCopy: publicCommentOf(record)}
}

/** Saves a new comment: its record, its public copy if it arrives approved, and the first audit entry. */
export async function saveComment(client: SanityClient, comment: NewComment): Promise<void> {
  const {record, publicCopy} = commentDocuments(comment)
  const transaction = client.transaction().create(record)
  if (publicCopy) transaction.create({...publicCopy})
  transaction.create({
    ...commentAuditEntry({
      recordId: record._id,
      from: null,
      to: comment.status,
      at: comment.submittedAt,
      who: {kind: 'site', task: comment.byPostAuthor ? 'post author’s comment' : 'new comment'},
      why: comment.reasons.join(' '),
      auditKey: randomUUID(),
    }),
  })
  await transaction.commit({visibility: 'sync'})
}

// ---------------------------------------------------------------------------------------------
// Comments as pages show them

// What a page shows of a comment; the same names on a public copy and on a record.
const SHOWN_FIELDS = `"id": _id, "parentId": parent._ref, authorName, authorWebsite, provider, body, submittedAt, byPostAuthor`

/** A comment as a page shows it (public fields only). */
export interface ShownRow {
  id: string
  parentId: string | null
  authorName: string
  authorWebsite: string | null
  provider: string
  body: string
  submittedAt: string
  byPostAuthor: boolean | null
}

/** Ids read from records (`comment-private.…`) back to the comment ids pages and links use. */
function withCommentIds<T extends {id: string; parentId: string | null}>(rows: T[]): T[] {
  return rows.map((row) => ({...row, id: commentIdOfRecord(row.id), parentId: row.parentId ? commentIdOfRecord(row.parentId) : null}))
}

/** A post's approved comments (their public copies), oldest first; `post` is the post's id in GROQ. */
const approvedCommentsOf = (post: string) => `*[_type == "${PUBLIC_COMMENT}" && post._ref == ${post}] | order(submittedAt asc){${SHOWN_FIELDS}}`

/** The same as a field of a query that reads the post (`^` is the post): the post page reads them with the post. */
export const APPROVED_COMMENTS_FIELD = `"approvedComments": ${approvedCommentsOf('^._id')}`

/** A post's approved comments, read as the public reads them. */
export async function readApprovedComments(postId: string): Promise<ShownRow[]> {
  const rows = (await queryPublished(approvedCommentsOf('$postId'), {postId})) as ShownRow[]
  pageShows(commentsTag(postId))
  return rows
}

/**
 * The reader's own comments on the post not yet approved (held, or judged spam: they are told
 * it awaits moderation either way, so spammers learn nothing and a wrongly flagged person
 * isn't hurt).
 */
export async function readOwnHeldComments(client: SanityClient, ids: string[], postId: string): Promise<ShownRow[]> {
  const rows = await client.fetch<ShownRow[]>(
    `*[_type == "${COMMENT}" && _id in $ids && post._ref == $postId && status in ["pending", "spam"]]{${SHOWN_FIELDS}}`,
    {ids: recordIds(ids), postId},
    {perspective: 'raw'},
  )
  return withCommentIds(rows)
}

/** A held comment as only a moderator sees it: the public fields, its status and why it was held. */
export type HeldRow = Omit<ShownRow, 'byPostAuthor'> & {status: 'pending' | 'spam'; reason: string | null}

const HELD_FIELDS = `"id": _id, "parentId": parent._ref, authorName, authorWebsite, provider, body, submittedAt, status, "reason": spamReason`

/** The post's pending comments (oldest first) and its newest `spamShown` spam ones; for moderators only. */
export async function readHeldComments(client: SanityClient, postId: string, spamShown: number): Promise<{pending: HeldRow[]; spam: HeldRow[]}> {
  const {pending, spam} = await client.fetch<{pending: HeldRow[]; spam: HeldRow[]}>(
    `{
  "pending": *[_type == "${COMMENT}" && post._ref == $postId && status == "pending"] | order(submittedAt asc){${HELD_FIELDS}},
  "spam": *[_type == "${COMMENT}" && post._ref == $postId && status == "spam"] | order(submittedAt desc)[0...$spamShown]{${HELD_FIELDS}}
}`,
    {postId, spamShown},
    {perspective: 'raw'},
  )
  return {pending: withCommentIds(pending), spam: withCommentIds(spam)}
}

const CommentsFeedPost = PublishedPost.extend({
  comments: z.array(z.object({_id: z.string(), authorName: z.string(), body: z.string(), submittedAt: z.string()})),
})

/** A post's newest approved comments for its feed: names, text and time only, never contact details. */
export async function readCommentsFeed(slug: string, limit: number) {
  const result = await queryPublished(
    `{
  ${TIME_ZONE_FIELD},
  "post": *[${LISTABLE_POST} && slug.current == $slug][0]{
    _id, title, "slug": slug.current, publishedAt,
    "comments": *[_type == "${PUBLIC_COMMENT}" && post._ref == ^._id]
      | order(submittedAt desc)[0...$limit]{_id, authorName, body, submittedAt}
  }
}`,
    {slug, limit},
  )
  const feed = z.object({timeZone: TimeZone, post: CommentsFeedPost.nullable()}).parse(result)
  if (feed.post) pageShows(postTag(feed.post._id), commentsTag(feed.post._id))
  return feed
}

const RecentComment = z.object({
  _id: z.string(),
  authorName: z.string(),
  body: z.string(),
  submittedAt: z.string(),
  post: PublishedPost,
})

/**
 * The newest approved comments on the whole blog, for /comments/feed/: names, text, time and
 * post only, never contact details. Comments on posts no longer listed are left out.
 */
export async function readRecentComments(limit: number) {
  const result = await queryPublished(
    `{
  ${TIME_ZONE_FIELD},
  "comments": *[_type == "${PUBLIC_COMMENT}" && post->_type == "post" && defined(post->slug.current) && defined(post->publishedAt)]
    | order(submittedAt desc)[0...$limit]{
      _id, authorName, body, submittedAt,
      "post": post->{_id, title, "slug": slug.current, publishedAt}
    }
}`,
    {limit},
  )
  const recent = z.object({timeZone: TimeZone, comments: z.array(RecentComment)}).parse(result)
  // Each comment names its post: a post's new title or address shows here too.
  pageShows(RECENT_COMMENTS, POST_LISTS, ...recent.comments.map((comment) => postTag(comment.post._id)))
  return recent
}

// ---------------------------------------------------------------------------------------------
// What the comment rules ask

/** An approved comment's post: its public copy exists only while it is approved. */
export function findApprovedComment(client: SanityClient, id: string): Promise<{postId: string} | null> {
  return client.fetch<{postId: string} | null>(`*[_type == "${PUBLIC_COMMENT}" && _id == $id][0]{"postId": post._ref}`, {id}, {perspective: 'published'})
}

export function isCommentOnPost(client: SanityClient, id: string, postId: string): Promise<boolean> {
  return client.fetch<boolean>(
    `count(*[_type == "${COMMENT}" && _id == $id && post._ref == $postId]) > 0`,
    {id: commentRecordId(id), postId},
    {perspective: 'raw'},
  )
}

/**
 * Whether this person has had a comment approved before: the same signed-in account, or, for
 * a guest, an approved comment with the same email *and* name (WordPress's check_comment()).
 * An email alone is no proof of who is typing: anyone who knows a regular's address could
 * otherwise publish at once under any name.
 */
export function hasApprovedComment(
  client: SanityClient,
  author: {name: string; email?: string; identity?: Pick<ReaderIdentity, 'provider' | 'accountId'>},
): Promise<boolean> {
  if (author.identity) {
    return client.fetch<boolean>(
      `count(*[_type == "${COMMENT}" && status == "approved" && provider == $provider && providerAccountId == $accountId][0...1]) > 0`,
      {provider: author.identity.provider, accountId: author.identity.accountId},
      {perspective: 'raw'},
    )
  }
  if (!author.email) return Promise.resolve(false)
  return client.fetch<boolean>(
    `count(*[_type == "${COMMENT}" && status == "approved" && lower(email) == $email && (!defined(provider) || provider == "guest") && lower(authorName) == $name][0...1]) > 0`,
    {email: author.email.toLowerCase(), name: author.name.toLowerCase()},
    {perspective: 'raw'},
  )
}

// ---------------------------------------------------------------------------------------------
// Moderation

/** A comment's status now, or null when there is no such comment. */
export function readCommentStatus(client: SanityClient, commentId: string): Promise<string | null> {
  return client.fetch<string | null>(`*[_id == $id && _type == "${COMMENT}"][0].status`, {id: commentRecordId(commentId)}, {perspective: 'raw'})
}

/** Whether a write failed because the document changed since it was read (409). */
export function isRevisionConflict(error: unknown): boolean {
  return (error as {statusCode?: number} | null)?.statusCode === 409
}

/** Tries `attempt` again when someone else changed the document between its read and its write. */
async function retryOnConflict<T>(what: string, attempt: () => Promise<T>): Promise<T> {
  for (let tries = 0; tries < 5; tries++) {
    try {
      return await attempt()
    } catch (error) {
      if (!isRevisionConflict(error)) throw error
    }
  }
  throw new Error(`${what}: it kept changing; try again.`)
}

/**
 * A moderator's decision, wherever it was made (an email link, the post page, the site's own
 * rules): in one transaction, the record's new status, its public copy made (approved) or
 * removed (anything else), and an audit entry naming `who` and `why`. The lake's webhook then
 * does what follows (Akismet reports, emails). False when the comment already had that status.
 */
export async function setCommentStatus(
  client: SanityClient,
  commentId: string,
  status: CommentStatus,
  decision: {who: ModerationActor; why?: string},
): Promise<boolean> {
  const id = commentRecordId(commentId)
  return retryOnConflict(`Comment ${commentId}`, async () => {
    const record = await client.getDocument<CommentRecordLike & {_type: string}>(id)
    // Only a comment: never a draft, an audit entry or another document by mistake.
    if (!record || record._type !== COMMENT || commentId.startsWith('drafts.')) throw new Error(`No comment ${JSON.stringify(commentId)}`)
    if (record.status === status) return false
    const mutations = statusChangeMutations({record, to: status, at: new Date(), auditKey: randomUUID(), ...decision})
    await client.mutate(mutations as Parameters<SanityClient['mutate']>[0], {visibility: 'sync'})
    return true
  })
}

/**
 * Makes the public copy match the record (the lake's webhook calls this after any change to a
 * record, e.g. a moderator's edit published in Studio): made or replaced while approved,
 * removed otherwise or once the record is gone. Writes nothing when they already match, so a
 * repeated delivery changes nothing. Returns what it did.
 */
export async function reconcilePublicCopy(client: SanityClient, commentId: string): Promise<'written' | 'deleted' | 'unchanged'> {
  const {record, copy} = await client.fetch<{record: (CommentRecordLike & {_type: string}) | null; copy: Record<string, unknown> | null}>(
    '{"record": *[_id == $recordId][0], "copy": *[_id == $id][0]}',
    {recordId: commentRecordId(commentId), id: commentId},
    {perspective: 'raw'},
  )
  const wanted = record?._type === COMMENT ? publicCommentOf(record) : null
  if (!wanted) {
    if (!copy || copy._type !== PUBLIC_COMMENT) return 'unchanged'
    await client.delete(commentId, {visibility: 'sync'})
    return 'deleted'
  }
  if (copy && sameFields({...wanted}, copy)) return 'unchanged'
  await client.createOrReplace({...wanted}, {visibility: 'sync'})
  return 'written'
}

function sameFields(wanted: object, {_rev, _createdAt, _updatedAt, ...found}: Record<string, unknown>): boolean {
  return isDeepStrictEqual(wanted, found)
}

// ---------------------------------------------------------------------------------------------
// A writer's own comment: edit and delete for a while after posting (decision 0232)

const WriterRecord = z.object({
  _id: z.string(),
  _rev: z.string(),
  _type: z.literal(COMMENT),
  status: z.enum(COMMENT_STATUSES),
  post: z.object({_ref: z.string()}),
  parent: z.object({_ref: z.string()}).optional(),
  authorName: z.string().default(''),
  authorWebsite: z.string().optional(),
  provider: z.string().default('guest'),
  providerAccountId: z.string().nullish(),
  email: z.string().nullish(),
  body: z.string().default(''),
  spamReason: z.string().nullish(),
  submittedAt: z.string(),
  notifyReplies: z.boolean().nullish(),
  notifyPosts: z.boolean().nullish(),
  byPostAuthor: z.boolean().optional(),
  revisions: z.array(z.object({_key: z.string(), body: z.string(), editedAt: z.string()})).nullish(),
})

/** A comment's record as its writer's edit or delete needs it (read with its revision, which guards the write). */
export type WriterRecord = z.infer<typeof WriterRecord> & {commentId: string; postId: string; parentId: string | null}

/** The comment's record, or null when there is none (or the id names something else). */
export async function readCommentForWriter(client: SanityClient, commentId: string): Promise<WriterRecord | null> {
  const found = WriterRecord.safeParse(await client.getDocument(commentRecordId(commentId)))
  if (!found.success) return null
  const record = found.data
  return {...record, commentId, postId: record.post._ref, parentId: record.parent?._ref ? commentIdOfRecord(record.parent._ref) : null}
}

/**
 * Of a post's comments, those this reader wrote (ids their session holds, or their signed-in
 * account) that are not decided against (pending, approved or spam) and were posted at or
 * after `since`: the ones to show "Edit" and "Delete" on. Comment id → submittedAt.
 */
export async function readWriterChangeable(
  client: SanityClient,
  {postId, ownIds, identity, since}: {postId: string; ownIds: string[]; identity?: Pick<ReaderIdentity, 'provider' | 'accountId'> | undefined; since: Date},
): Promise<Map<string, string>> {
  const rows = await client.fetch<{id: string; submittedAt: string}[]>(
    `*[_type == "${COMMENT}" && post._ref == $postId && status in ["pending", "approved", "spam"] && submittedAt >= $since
      && (_id in $ids || (defined($provider) && provider == $provider && providerAccountId == $accountId))]{"id": _id, submittedAt}`,
    {postId, ids: recordIds(ownIds), since: since.toISOString(), provider: identity?.provider ?? null, accountId: identity?.accountId ?? null},
    {perspective: 'raw'},
  )
  return new Map(rows.map((row) => [commentIdOfRecord(row.id), row.submittedAt]))
}

/** How a writer's edit was judged: the pipeline's outcome, decided afresh for the new text. */
export interface WriterEdit {
  body: string
  status: CommentStatus
  spamVerdict: SpamVerdict
  /** Why it is held, for the moderator (the earlier reason kept while it stays held). */
  spamReason?: string | undefined
  akismetParams?: object | undefined
  at: Date
}

/**
 * A writer's edit, in one transaction guarded by the revision read: the new text, the text it
 * replaces kept privately in `revisions` (the newest MAX_COMMENT_REVISIONS), the new verdict,
 * the public copy written or removed to match, and an audit entry by the reader. Throws a 409
 * (statusCode) when the record changed since it was read.
 */
export async function saveWriterEdit(client: SanityClient, record: WriterRecord, edit: WriterEdit): Promise<void> {
  const revisions: CommentRevision[] = [
    ...(record.revisions ?? []),
    {_key: randomUUID().slice(0, 12), body: record.body, editedAt: edit.at.toISOString()},
  ].slice(-MAX_COMMENT_REVISIONS)
  const mutations = statusChangeMutations({
    record,
    to: edit.status,
    who: {kind: 'reader', action: 'edit'},
    why: edit.status === 'approved' ? undefined : edit.spamReason,
    at: edit.at,
    auditKey: randomUUID(),
    edits: {body: edit.body},
  })
  const unset = [...(edit.spamReason ? [] : ['spamReason']), ...(edit.akismetParams ? [] : ['akismetCheck'])]
  mutations.push({
    patch: {
      id: record._id,
      set: {
        revisions,
        editedAt: edit.at.toISOString(),
        spamVerdict: edit.spamVerdict,
        ...(edit.spamReason ? {spamReason: edit.spamReason} : {}),
        ...(edit.akismetParams ? {akismetCheck: seal(edit.akismetParams)} : {}),
        // Judged spam by the checks themselves: nothing for the moderation effects to tell Akismet.
        ...(edit.status === 'spam' && record.status !== 'spam' ? {akismetReported: 'spam'} : {}),
      },
      ...(unset.length > 0 ? {unset} : {}),
    },
  })
  await client.mutate(mutations as Parameters<SanityClient['mutate']>[0], {visibility: 'sync'})
}

/** A writer's delete: the comment to trash and its public copy gone at once, with an audit entry by the reader; 409 when it changed since it was read. */
export async function saveWriterDelete(client: SanityClient, record: WriterRecord, at: Date): Promise<void> {
  const mutations = statusChangeMutations({record, to: 'trash', who: {kind: 'reader', action: 'delete'}, at, auditKey: randomUUID()})
  await client.mutate(mutations as Parameters<SanityClient['mutate']>[0], {visibility: 'sync'})
}

// ---------------------------------------------------------------------------------------------
// Retention (decision 0202)

// Bounded transactions, as in batched-delete.
const BATCH = 200

/**
 * Deletes the comments `filter` finds, a batch at a time: each record with its public copy and
 * Studio draft (neither should exist for spam or trash), and an audit entry saying the site's
 * `task` deleted it, so the log tells what became of it. Returns how many it deleted.
 */
async function deleteComments(client: SanityClient, filter: string, params: Record<string, unknown>, task: string, at: Date): Promise<number> {
  let deleted = 0
  for (;;) {
    const found = await client.fetch<{_id: string; status: string | null}[]>(
      `*[_type == "${COMMENT}" && ${filter}][0...$batch]{_id, status}`,
      {...params, batch: BATCH},
      {perspective: 'raw'},
    )
    if (found.length === 0) return deleted
    const transaction = client.transaction()
    for (const {_id, status} of found) {
      transaction.delete(_id).delete(commentIdOfRecord(_id)).delete(`drafts.${_id}`)
      transaction.create({...commentAuditEntry({recordId: _id, from: status, to: 'deleted', at, who: {kind: 'site', task}, auditKey: randomUUID()})})
    }
    await transaction.commit({visibility: 'sync'})
    deleted += found.length
    if (found.length < BATCH) return deleted
  }
}

/** Deletes spam marked before `cutoff` (logged as deleted `at`); returns how many. */
export function deleteSpamOlderThan(client: SanityClient, cutoff: Date, at = new Date()): Promise<number> {
  return deleteComments(client, 'status == "spam" && coalesce(decidedAt, _updatedAt) < $cutoff', {cutoff: cutoff.toISOString()}, 'spam retention', at)
}

/** Deletes comments trashed before `cutoff` (logged as deleted `at`); returns how many. */
export function deleteTrashOlderThan(client: SanityClient, cutoff: Date, at = new Date()): Promise<number> {
  return deleteComments(client, 'status == "trash" && coalesce(decidedAt, _updatedAt) < $cutoff', {cutoff: cutoff.toISOString()}, 'trash retention', at)
}

// What a decided comment no longer needs: the address hash, the sealed spam check, its writer's earlier texts.
const DECIDED_DETAILS = ['networkAddressHash', 'networkPrefixHash', 'akismetCheck', 'revisions'] as const

/**
 * Drops the network-address hash, the sealed spam-check parameters and a writer's earlier texts from comments decided
 * (approved, spam or trash) before `cutoff`: by then they have done their work (a returning
 * flood, a report of a wrong verdict). Returns how many records it changed.
 */
export async function dropDecidedDetailsOlderThan(client: SanityClient, cutoff: Date): Promise<number> {
  let dropped = 0
  for (;;) {
    const ids = await client.fetch<string[]>(
      `*[_type == "${COMMENT}" && status != "pending" && coalesce(decidedAt, _updatedAt) < $cutoff && (${DECIDED_DETAILS.map((field) => `defined(${field})`).join(' || ')})][0...$batch]._id`,
      {cutoff: cutoff.toISOString(), batch: BATCH},
      {perspective: 'raw'},
    )
    if (ids.length === 0) return dropped
    const transaction = client.transaction()
    for (const id of ids) transaction.patch(id, (patch) => patch.unset([...DECIDED_DETAILS]))
    await transaction.commit({visibility: 'sync'})
    dropped += ids.length
    if (ids.length < BATCH) return dropped
  }
}

/**
 * Deletes the log of each comment that no longer exists once its newest entry (usually the
 * deletion itself) is older than `cutoff`: a comment's log lasts as long as the comment, then
 * one more retention period. Returns how many entries it deleted.
 */
export async function deleteOrphanAuditOlderThan(client: SanityClient, cutoff: Date): Promise<number> {
  const entries = await client.fetch<{id: string; record: string; at: string}[]>(
    `*[_type == "${AUDIT}"]{"id": _id, "record": comment._ref, at}`,
    {},
    {perspective: 'raw'},
  )
  const newest = new Map<string, string>()
  for (const {record, at} of entries) if (!(newest.get(record)! >= at)) newest.set(record, at)
  const existing = new Set(await client.fetch<string[]>('*[_id in $ids]._id', {ids: [...newest.keys()]}, {perspective: 'raw'}))
  const cut = cutoff.toISOString()
  const expired = entries.filter(({record}) => !existing.has(record) && newest.get(record)! < cut).map(({id}) => id)
  for (let start = 0; start < expired.length; start += BATCH) {
    const transaction = client.transaction()
    for (const id of expired.slice(start, start + BATCH)) transaction.delete(id)
    await transaction.commit({visibility: 'sync'})
  }
  return expired.length
}

// ---------------------------------------------------------------------------------------------
// Readers' reports (decision 0237)

/** A published comment as its report page shows it (public fields only), or null when it is not published. */
export function readReportableComment(commentId: string): Promise<{authorName: string; body: string} | null> {
  return queryPublished(`*[_type == "${PUBLIC_COMMENT}" && _id == $id][0]{authorName, body}`, {id: commentId}) as Promise<{
    authorName: string
    body: string
  } | null>
}

const StoredReports = z
  .array(z.object({_key: z.string(), reason: z.enum(REPORT_REASONS), at: z.string(), from: z.string()}))
  .nullish()
  .transform((reports): StoredReport[] => reports ?? [])

/**
 * What became of a report: counted; counted and the comment held for moderators; not counted
 * (this network reported it already, or the comment holds as many reports as are kept); or
 * the comment is not published (any more).
 */
export type ReportOutcome = 'counted' | 'held' | 'repeat' | 'full' | 'not-published'

// A hold reason a moderator's list looks for stays first when readers' reports hold the comment again.
const KEPT_REASON_PREFIXES = [NEEDS_CARE, PERSONAL_DETAILS]

/**
 * Adds a reader's report to a published comment's record: one per reporter's network (`from`,
 * a keyed hash for this comment only), at most MAX_STORED_REPORTS. The report that reaches
 * Site settings' "hold after" count (of reports since the comment was last decided: a
 * moderator's approval answers the ones before it) sends the comment back to pending in the
 * same transaction (public copy removed, audit entry by the site's "reports" task).
 */
export async function addCommentReport(
  client: SanityClient,
  commentId: string,
  report: {reason: ReportReason; from: string; at: Date},
): Promise<ReportOutcome> {
  const id = commentRecordId(commentId)
  return retryOnConflict(`Reporting ${commentId}`, async () => {
    const found = await client.fetch<{record: (CommentRecordLike & {_type: string; reports?: unknown; spamReason?: string}) | null; moderation: unknown}>(
      `{"record": *[_id == $id && _type == "${COMMENT}"][0], ${MODERATION_FIELD}}`,
      {id},
      {perspective: 'raw'},
    )
    const record = found.record
    if (!record?._rev || record.status !== 'approved') return 'not-published'
    const reports = StoredReports.parse(record.reports)
    if (reports.some(({from}) => from === report.from)) return 'repeat'
    if (reports.length >= MAX_STORED_REPORTS) return 'full'
    const next = [...reports, {_key: randomUUID(), reason: report.reason, at: report.at.toISOString(), from: report.from}]
    const counted = {patch: {id, ifRevisionID: record._rev, set: {reports: next, reportCount: next.length}}}
    // A moderator who published the comment again has answered the reports before; only newer ones count towards another hold.
    const decidedAt = (record as {decidedAt?: string}).decidedAt ?? ''
    const open = next.filter(({at}) => at > decidedAt)
    if (open.length < ModerationSettings.parse(found.moderation).holdAfterReports) {
      await client.mutate([counted], {visibility: 'sync'})
      return 'counted'
    }
    const why = `Reported by ${open.length} reader${open.length === 1 ? '' : 's'}: ${reportReasonSummary(open)}.`
    const kept = KEPT_REASON_PREFIXES.some((prefix) => record.spamReason?.startsWith(prefix)) ? `${record.spamReason} ` : ''
    const {_rev, ...unguarded} = record
    const hold = statusChangeMutations({record: unguarded, to: 'pending', who: {kind: 'site', task: 'reports'}, why, at: report.at, auditKey: randomUUID()})
    // A new hold is a new decision: the moderators' emailed links for it must work once more.
    const fresh = {
      ...counted.patch,
      set: {...counted.patch.set, spamReason: `${kept}${why}`},
      unset: ['approveLinkUsedAt', 'spamLinkUsedAt', 'trashLinkUsedAt'],
    }
    const mutations = [{patch: fresh}, ...hold]
    await client.mutate(mutations as Parameters<SanityClient['mutate']>[0], {visibility: 'sync'})
    return 'held'
  })
}

// ---------------------------------------------------------------------------------------------
// Comment records: a comment with its post and private details, for emails and moderation links

const PrivateDetails = z.object({
  email: z.string().nullish(),
  notifyReplies: z.boolean().nullish(),
  approveLinkUsedAt: z.string().nullish(),
  spamLinkUsedAt: z.string().nullish(),
  trashLinkUsedAt: z.string().nullish(),
})

const CommentRecord = z.object({
  _id: z.string(),
  status: z.enum(COMMENT_STATUSES),
  authorName: z.string().nullish(),
  body: z.string().nullish(),
  spamReason: z.string().nullish(),
  submittedAt: z.string().nullish(),
  parentId: z.string().nullish(),
  /** The post's id, whether or not it is still published (then `post` is null). */
  postId: z.string().nullish(),
  post: PublishedPost.omit({_id: true}).nullish(),
  private: PrivateDetails,
})
export type CommentRecord = z.infer<typeof CommentRecord> & {
  /** The post's path on the site, or null if the post is gone or unpublished. */
  postPath: string | null
}

const RECORDS_QUERY = `{
  "comments": *[_type == "${COMMENT}" && _id in $ids]{
    _id, status, authorName, body, spamReason, submittedAt,
    "parentId": parent._ref,
    "postId": post._ref,
    "post": post->{title, "slug": slug.current, publishedAt},
    "private": {email, notifyReplies, approveLinkUsedAt, spamLinkUsedAt, trashLinkUsedAt}
  },
  ${TIME_ZONE_FIELD}
}`

/** Comments by id with their post and private details (email, notification wishes); keyed and named by comment id. */
export async function loadCommentRecords(client: SanityClient, ids: string[]): Promise<Map<string, CommentRecord>> {
  const result = await client.fetch(RECORDS_QUERY, {ids: recordIds(ids)}, {perspective: 'raw'})
  const {comments, timeZone} = z.object({comments: z.array(CommentRecord), timeZone: TimeZone}).parse(result)
  return new Map(
    comments.map((comment) => {
      const id = commentIdOfRecord(comment._id)
      const parentId = comment.parentId ? commentIdOfRecord(comment.parentId) : null
      return [id, {...comment, _id: id, parentId, postPath: comment.post ? postPath(comment.post, timeZone) : null}]
    }),
  )
}

export async function loadCommentRecord(client: SanityClient, id: string): Promise<CommentRecord | null> {
  return (await loadCommentRecords(client, [id])).get(id) ?? null
}

// ---------------------------------------------------------------------------------------------
// Once-only markers on a comment's record

/**
 * "Sent" markers, so a retried webhook or a repeated status change never emails anyone twice,
 * and "used" markers, so each kind of emailed moderation link acts once.
 */
export type SentMarker = 'moderatorsNotifiedAt' | 'approvalNotifiedAt' | 'replyNotifiedAt' | 'followersNotifiedAt'
export type LinkUsedMarker = 'approveLinkUsedAt' | 'spamLinkUsedAt' | 'trashLinkUsedAt'
type OnceMarker = SentMarker | LinkUsedMarker

/**
 * Sets the marker on the comment's record only if nobody set it first (the write is
 * conditional on the revision that was read, so it holds across site processes and restarts);
 * false if it was set already or there is no such comment.
 */
export async function claimMarker(client: SanityClient, commentId: string, marker: OnceMarker): Promise<boolean> {
  const documentId = commentRecordId(commentId)
  for (let attempt = 0; attempt < 5; attempt++) {
    const document = await client.getDocument(documentId)
    if (!document || document[marker]) return false
    try {
      await client
        .patch(documentId)
        .ifRevisionId(document._rev)
        .set({[marker]: new Date().toISOString()})
        .commit({visibility: 'sync'})
      return true
    } catch (error) {
      // Someone else changed it between our read and write: read again and decide afresh.
      if (!isRevisionConflict(error)) throw error
    }
  }
  return false
}

/** Work that failed releases its marker, so a later try may go ahead. */
export async function releaseMarker(client: SanityClient, commentId: string, marker: OnceMarker): Promise<void> {
  await client.patch(commentRecordId(commentId)).unset([marker]).commit({visibility: 'sync'})
}

// ---------------------------------------------------------------------------------------------
// Akismet reports

const AkismetState = z.object({
  _rev: z.string(),
  akismetCheck: z.string().nullish(),
  /** The last report sent to Akismet about this comment. */
  akismetReported: z.enum(['spam', 'ham']).nullish(),
})
export type AkismetState = z.infer<typeof AkismetState>

/** The sealed spam-check parameters and the last report sent, or null without such a comment. */
export async function readAkismetState(client: SanityClient, commentId: string): Promise<AkismetState | null> {
  const found = await client.getDocument(commentRecordId(commentId))
  return found ? AkismetState.parse(found) : null
}

/**
 * Records that `kind` is being reported, if the record is still at `revision`; false when
 * someone changed it in between (read again and decide afresh).
 */
export async function markAkismetReported(client: SanityClient, commentId: string, revision: string, kind: 'spam' | 'ham'): Promise<boolean> {
  try {
    await client
      .patch(commentRecordId(commentId))
      .ifRevisionId(revision)
      .set({akismetReported: kind, akismetReportedAt: new Date().toISOString()})
      .commit({visibility: 'sync'})
    return true
  } catch (error) {
    if (isRevisionConflict(error)) return false
    throw error
  }
}

/** Puts back the report marker as it was before a report Akismet did not take. */
export async function restoreAkismetReported(client: SanityClient, commentId: string, previous: 'spam' | 'ham' | null | undefined): Promise<void> {
  const restore = client.patch(commentRecordId(commentId))
  await (previous ? restore.set({akismetReported: previous}) : restore.unset(['akismetReported', 'akismetReportedAt'])).commit({visibility: 'sync'})
}

// ---------------------------------------------------------------------------------------------
// Notification wishes

/** Who asked to hear of new posts: the authors of approved comments only. */
export async function readPostSubscribers(client: SanityClient): Promise<{email: string; commentId: string}[]> {
  const found = await client.fetch(
    `*[_type == "${COMMENT}" && status == "approved" && notifyPosts == true && defined(email)]{email, "commentId": _id}`,
    {},
    {perspective: 'raw'},
  )
  return z
    .array(z.object({email: z.string(), commentId: z.string()}))
    .parse(found)
    .map((row) => ({...row, commentId: commentIdOfRecord(row.commentId)}))
}

/** The address that wrote the comment, if it gave one. */
export function readCommentEmail(client: SanityClient, commentId: string): Promise<string | null> {
  return client.fetch<string | null>(`*[_id == $id && _type == "${COMMENT}"][0].email`, {id: commentRecordId(commentId)}, {perspective: 'raw'})
}

/** Switches off reply, approval and new-post emails on every comment the address wrote; returns how many comments' wishes changed. */
export async function stopEmailsTo(client: SanityClient, email: string): Promise<number> {
  const ids = await client.fetch<string[]>(
    `*[_type == "${COMMENT}" && lower(email) == $email && (notifyReplies == true || notifyPosts == true)]._id`,
    {email: email.trim().toLowerCase()},
    {perspective: 'raw'},
  )
  if (ids.length === 0) return 0
  const transaction = client.transaction()
  for (const id of ids) transaction.patch(id, (patch) => patch.set({notifyReplies: false, notifyPosts: false}))
  await transaction.commit({visibility: 'sync'})
  return ids.length
}

// ---------------------------------------------------------------------------------------------
// A commenter's own data, by email address (export and erasure)

const OwnComment = z.object({
  id: z.string(),
  email: z.string(),
  notifyReplies: z.boolean().nullish(),
  notifyPosts: z.boolean().nullish(),
  userAgent: z.string().nullish(),
  hasNetworkAddressHash: z.boolean(),
  hasSealedSpamCheck: z.boolean(),
  status: z.string().nullish(),
  authorName: z.string().nullish(),
  authorWebsite: z.string().nullish(),
  provider: z.string().nullish(),
  body: z.string().nullish(),
  submittedAt: z.string().nullish(),
  parentId: z.string().nullish(),
  post: z.object({title: z.string(), slug: z.string().nullish(), publishedAt: z.string().nullish()}).nullish(),
  revisions: z.array(z.object({body: z.string(), editedAt: z.string()})).nullish(),
})
export type OwnComment = z.infer<typeof OwnComment>

const OWN_COMMENTS_QUERY = `{
  "own": *[_type == "${COMMENT}" && lower(email) == $email] | order(submittedAt asc){
    "id": _id, email, notifyReplies, notifyPosts, userAgent,
    "hasNetworkAddressHash": defined(networkAddressHash),
    "hasSealedSpamCheck": defined(akismetCheck),
    status, authorName, authorWebsite, provider, body, submittedAt,
    "revisions": revisions[]{body, editedAt},
    "parentId": parent._ref,
    "postId": post._ref,
    "post": post->{title, "slug": slug.current, publishedAt}
  },
  ${TIME_ZONE_FIELD}
}`

/** Every comment written with this (normalised) address, oldest first, with the blog's time zone. */
export async function readOwnComments(client: SanityClient, email: string): Promise<{own: OwnComment[]; timeZone: string}> {
  const result = await client.fetch(OWN_COMMENTS_QUERY, {email}, {perspective: 'raw'})
  const {own, timeZone} = z.object({own: z.array(OwnComment), timeZone: TimeZone}).parse(result)
  return {own: own.map((row) => ({...row, id: commentIdOfRecord(row.id), parentId: row.parentId ? commentIdOfRecord(row.parentId) : null})), timeZone}
}

/** How many comments the site holds from this (normalised) address. */
export function countOwnComments(client: SanityClient, email: string): Promise<number> {
  return client.fetch<number>(`count(*[_type == "${COMMENT}" && lower(email) == $email])`, {email}, {perspective: 'raw'})
}

/** The direct replies to these comments. */
export async function readReplies(client: SanityClient, ids: string[]): Promise<{id: string; parentId: string}[]> {
  const rows = await client.fetch<{id: string; parentId: string}[]>(
    `*[_type == "${COMMENT}" && parent._ref in $ids]{"id": _id, "parentId": parent._ref}`,
    {ids: recordIds(ids)},
    {perspective: 'raw'},
  )
  return rows.map((row) => ({id: commentIdOfRecord(row.id), parentId: commentIdOfRecord(row.parentId)}))
}

const ERASED = '[deleted]'

// Everything that says who wrote a comment, or how to reach them.
const IDENTIFYING_FIELDS = [
  'authorWebsite',
  'providerAccountId',
  'email',
  'networkAddressHash',
  'networkPrefixHash',
  'userAgent',
  'akismetCheck',
  'notifyReplies',
  'notifyPosts',
]

/**
 * In one transaction: deletes the comments in `remove` (records and public copies), and
 * anonymises those in `anonymise`: name and text become "[deleted]", and everything that
 * identifies or reaches the commenter goes, from the record and its public copy alike.
 */
export async function eraseComments(client: SanityClient, {remove, anonymise}: {remove: string[]; anonymise: string[]}): Promise<void> {
  if (remove.length + anonymise.length === 0) return
  const transaction = client.transaction()
  const at = new Date()
  for (const record of await client.getDocuments<CommentRecordLike>(recordIds(remove))) {
    if (!record) continue
    transaction.delete(record._id).delete(commentIdOfRecord(record._id)).delete(`drafts.${record._id}`)
    const who = {kind: 'site', task: 'commenter’s erasure request'} as const
    transaction.create({...commentAuditEntry({recordId: record._id, from: record.status ?? null, to: 'deleted', at, who, auditKey: randomUUID()})})
  }
  const records = anonymise.length > 0 ? await client.getDocuments<CommentRecordLike>(recordIds(anonymise)) : []
  for (const record of records) {
    if (!record) continue
    const erased = {authorName: ERASED, body: ERASED, provider: 'guest'}
    // Earlier texts are the commenter's words as much as the body is.
    transaction.patch(record._id, (patch) => patch.set(erased).unset([...IDENTIFYING_FIELDS, 'revisions']))
    const {authorWebsite: _website, ...kept} = record
    const copy = publicCommentOf({...kept, ...erased})
    if (copy) transaction.createOrReplace({...copy})
    transaction.delete(`drafts.${record._id}`)
  }
  await transaction.commit({visibility: 'sync'})
}

// ---------------------------------------------------------------------------------------------
// Comments stored before records (decision 0200): moved once, when the site starts

const OLD_PRIVATE_TYPE = 'commentPrivate'
const MIGRATION_BATCH = 50

/** Fields of an old private half that are not the record's. */
const OLD_PRIVATE_OWN = new Set(['_id', '_type', '_rev', '_createdAt', '_updatedAt', 'comment'])
const OLD_PUBLIC_OWN = new Set(['_id', '_type', '_rev', '_createdAt', '_updatedAt', 'parent'])

/**
 * Moves comments stored the old way (a public `comment` document with every field, status and
 * account id included, plus a `commentPrivate` half) to records and public copies: for each,
 * one transaction writes the record, replaces the old public document with the public copy
 * (or deletes it when not approved) and removes the old half and any Studio draft. Private
 * halves whose comment is gone are deleted. Idempotent: a second run finds nothing to move.
 * Returns how many comments it moved.
 */
export async function migrateOldComments(client: SanityClient, now = new Date()): Promise<number> {
  let moved = 0
  for (;;) {
    const old = await client.fetch<{comment: Record<string, unknown> & {_id: string}; half: Record<string, unknown> | null}[]>(
      `*[_type == "${COMMENT}" && _id in path("*")][0...$batch]{
        "comment": @, "half": *[_id == "${COMMENT_RECORD_ID_PREFIX}" + ^._id][0]
      }`,
      {batch: MIGRATION_BATCH},
      {perspective: 'raw'},
    )
    for (const {comment, half} of old) {
      const recordId = commentRecordId(comment._id)
      const parent = comment.parent as {_ref?: string} | undefined
      const record = {
        ...Object.fromEntries(Object.entries(half ?? {}).filter(([key]) => !OLD_PRIVATE_OWN.has(key))),
        ...Object.fromEntries(Object.entries(comment).filter(([key]) => !OLD_PUBLIC_OWN.has(key))),
        ...(parent?._ref ? {parent: weakReference(commentRecordId(parent._ref))} : {}),
        _id: recordId,
        _type: COMMENT,
        ...(comment.status && comment.status !== 'pending' ? {decidedAt: String(comment._updatedAt ?? now.toISOString())} : {}),
      } as CommentRecordLike & {_type: string}
      const copy = publicCommentOf(record)
      // The record takes the old private half's id; the public copy the old comment's.
      const transaction = client.transaction().createOrReplace(record).delete(`drafts.${comment._id}`)
      if (copy) transaction.createOrReplace({...copy})
      else transaction.delete(comment._id)
      transaction.create({
        ...commentAuditEntry({
          recordId,
          from: null,
          to: String(record.status ?? 'pending'),
          at: now,
          who: {kind: 'site', task: 'moved to a private record'},
          auditKey: randomUUID(),
        }),
      })
      await transaction.commit({visibility: 'sync'})
      moved++
    }
    if (old.length < MIGRATION_BATCH) break
  }
  const orphans = await client.fetch<string[]>(`*[_type == "${OLD_PRIVATE_TYPE}"]._id`, {}, {perspective: 'raw'})
  if (orphans.length > 0) {
    const transaction = client.transaction()
    for (const id of orphans) transaction.delete(id)
    await transaction.commit({visibility: 'sync'})
  }
  return moved
}
