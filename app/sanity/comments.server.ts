import {randomUUID} from 'node:crypto'
import type {SanityClient} from '@sanity/client'
import {z} from 'zod'
import {COMMENT_STATUSES, type CommentStatus, type SpamVerdict} from '../../contract/comments'
import {COMMENT_PRIVATE_ID_PREFIX, commentPrivateId, DOCUMENT_TYPES} from '../../contract/documents'
import type {ReaderIdentity} from '../../contract/identity'
import {PublishedPost} from '../../contract/post'
import {postPath} from '~/lib/permalink'
import {seal} from '~/security/sealed.server'
import {deleteInBatches} from './batched-delete.server'
import {queryPublished} from './client.server'
import {LISTABLE_POST} from './queries'
import {TIME_ZONE_FIELD, TimeZone} from './site-settings.server'

/**
 * Comments in the Content Lake: the one module that reads and writes them. A comment is a
 * public document (shown once approved); what must stay private (email, a keyed hash of the
 * network address, the sealed spam-check parameters, notification wishes, once-only markers)
 * goes in its private half, `comment-private.<id>`, which only token holders can read. Both
 * are written in one transaction: there is never a comment without its private half.
 *
 * Public pages read approved comments through the token-less client; everything else goes
 * through the write client the caller passes. Private halves have a dot in their id, like
 * drafts, so they are read in the raw perspective (the only one sure to show them on hosted
 * Sanity too).
 */

const COMMENT = DOCUMENT_TYPES.comment
const COMMENT_PRIVATE = DOCUMENT_TYPES.commentPrivate

export function newCommentId(): string {
  return `comment-${randomUUID()}`
}

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
  userAgent: string
  /** What the spam check was sent: kept sealed, for reports of a wrong verdict. */
  akismetParams?: object
  /** Written by the post's author (a moderator who writes as them): shown with a badge. */
  byPostAuthor?: boolean
}

/**
 * A comment's public document and its private half, as the site stores them: the one place
 * that decides what goes where (the WordPress importer stores imported comments through it).
 */
export function commentDocuments(comment: NewComment) {
  const {submission} = comment
  const publicDocument = {
    _id: comment.id,
    _type: COMMENT,
    status: comment.status,
    post: {_type: 'reference', _ref: comment.post._id, _weak: true},
    ...(submission.parentId ? {parent: {_type: 'reference', _ref: submission.parentId, _weak: true}} : {}),
    authorName: submission.name,
    ...(submission.website ? {authorWebsite: submission.website} : {}),
    provider: submission.identity?.provider ?? 'guest',
    ...(submission.identity ? {providerAccountId: submission.identity.accountId} : {}),
    body: submission.body,
    spamVerdict: comment.spamVerdict,
    ...(comment.reasons.length > 0 ? {spamReason: comment.reasons.join(' ')} : {}),
    submittedAt: comment.submittedAt.toISOString(),
    ...(comment.byPostAuthor ? {byPostAuthor: true} : {}),
  }
  const privateDocument = {
    _id: commentPrivateId(comment.id),
    _type: COMMENT_PRIVATE,
    comment: {_type: 'reference', _ref: comment.id, _weak: true},
    ...(submission.email ? {email: submission.email} : {}),
    networkAddressHash: comment.networkAddressHash,
    userAgent: comment.userAgent.slice(0, 500),
    notifyReplies: submission.notifyReplies,
    notifyPosts: submission.notifyPosts,
    // Akismet asks for reports with the parameters it checked, address included; sealed,
    // they are readable by the site alone, and go when the comment does.
    ...(comment.akismetParams ? {akismetCheck: seal(comment.akismetParams)} : {}),
  }
  return {publicDocument, privateDocument}
}

export async function saveComment(client: SanityClient, comment: NewComment): Promise<void> {
  const {publicDocument, privateDocument} = commentDocuments(comment)
  await client.transaction().create(publicDocument).create(privateDocument).commit({visibility: 'sync'})
}

// ---------------------------------------------------------------------------------------------
// Comments as pages show them

// Public fields of a comment; never the private document's.
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

/** A post's approved comments, oldest first, read as the public reads them. */
export async function readApprovedComments(postId: string): Promise<ShownRow[]> {
  return (await queryPublished(`*[_type == "${COMMENT}" && post._ref == $postId && status == "approved"] | order(submittedAt asc){${SHOWN_FIELDS}}`, {
    postId,
  })) as ShownRow[]
}

/**
 * The reader's own comments on the post not yet approved (held, or judged spam: they are told
 * it awaits moderation either way, so spammers learn nothing and a wrongly flagged person
 * isn't hurt).
 */
export function readOwnHeldComments(client: SanityClient, ids: string[], postId: string): Promise<ShownRow[]> {
  return client.fetch<ShownRow[]>(
    `*[_type == "${COMMENT}" && _id in $ids && post._ref == $postId && status in ["pending", "spam"]]{${SHOWN_FIELDS}}`,
    {ids, postId},
    {perspective: 'published'},
  )
}

/** A held comment as only a moderator sees it: the public fields, its status and why it was held. */
export type HeldRow = Omit<ShownRow, 'byPostAuthor'> & {status: 'pending' | 'spam'; reason: string | null}

const HELD_FIELDS = `"id": _id, "parentId": parent._ref, authorName, authorWebsite, provider, body, submittedAt, status, "reason": spamReason`

/** The post's pending comments (oldest first) and its newest `spamShown` spam ones; for moderators only. */
export function readHeldComments(client: SanityClient, postId: string, spamShown: number): Promise<{pending: HeldRow[]; spam: HeldRow[]}> {
  return client.fetch(
    `{
  "pending": *[_type == "${COMMENT}" && post._ref == $postId && status == "pending"] | order(submittedAt asc){${HELD_FIELDS}},
  "spam": *[_type == "${COMMENT}" && post._ref == $postId && status == "spam"] | order(submittedAt desc)[0...$spamShown]{${HELD_FIELDS}}
}`,
    {postId, spamShown},
    {perspective: 'published'},
  )
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
    "comments": *[_type == "${COMMENT}" && post._ref == ^._id && status == "approved"]
      | order(submittedAt desc)[0...$limit]{_id, authorName, body, submittedAt}
  }
}`,
    {slug, limit},
  )
  return z.object({timeZone: TimeZone, post: CommentsFeedPost.nullable()}).parse(result)
}

// ---------------------------------------------------------------------------------------------
// What the comment rules ask

export function findApprovedComment(client: SanityClient, id: string): Promise<{postId: string} | null> {
  return client.fetch<{postId: string} | null>(
    `*[_type == "${COMMENT}" && _id == $id && status == "approved"][0]{"postId": post._ref}`,
    {id},
    {perspective: 'published'},
  )
}

export function isCommentOnPost(client: SanityClient, id: string, postId: string): Promise<boolean> {
  return client.fetch<boolean>(`count(*[_type == "${COMMENT}" && _id == $id && post._ref == $postId]) > 0`, {id, postId}, {perspective: 'published'})
}

/**
 * Whether this person has had a comment approved before: the same signed-in account, or, for
 * a guest, an approved comment with the same email *and* name (WordPress's check_comment()).
 * An email alone is no proof of who is typing: anyone who knows a regular's address could
 * otherwise publish at once under any name.
 */
export async function hasApprovedComment(
  client: SanityClient,
  author: {name: string; email?: string; identity?: Pick<ReaderIdentity, 'provider' | 'accountId'>},
): Promise<boolean> {
  if (author.identity) {
    return client.fetch<boolean>(
      `count(*[_type == "${COMMENT}" && status == "approved" && provider == $provider && providerAccountId == $accountId][0...1]) > 0`,
      {provider: author.identity.provider, accountId: author.identity.accountId},
      {perspective: 'published'},
    )
  }
  if (!author.email) return false
  const commentIds = await client.fetch<string[]>(
    `*[_type == "${COMMENT_PRIVATE}" && lower(email) == $email].comment._ref`,
    {email: author.email.toLowerCase()},
    {perspective: 'published'},
  )
  if (commentIds.length === 0) return false
  return client.fetch<boolean>(
    `count(*[_type == "${COMMENT}" && _id in $ids && status == "approved" && (!defined(provider) || provider == "guest") && lower(authorName) == $name][0...1]) > 0`,
    {ids: commentIds, name: author.name.toLowerCase()},
    {perspective: 'published'},
  )
}

// ---------------------------------------------------------------------------------------------
// Moderation

/** A comment's status now (raw: whatever its last write left), or null when there is no such comment. */
export function readCommentStatus(client: SanityClient, commentId: string): Promise<string | null> {
  return client.fetch<string | null>(`*[_id == $id && _type == "${COMMENT}"][0].status`, {id: commentId}, {perspective: 'raw'})
}

/**
 * A moderator's decision: one patch of the comment's status, as Studio makes. What follows
 * from it happens in the lake's comment-status webhook, whoever made the change.
 */
export async function setCommentStatus(client: SanityClient, commentId: string, status: CommentStatus): Promise<void> {
  const isComment = await client.fetch<boolean>(`count(*[_id == $id && _type == "${COMMENT}"]) > 0`, {id: commentId}, {perspective: 'raw'})
  // Only a comment: never a draft, someone's private details or another document by mistake.
  if (!isComment) throw new Error(`No comment ${JSON.stringify(commentId)}`)
  await client.patch(commentId).set({status}).commit({visibility: 'sync'})
}

const SPAM_BATCH_QUERY = `*[_type == "${COMMENT}" && status == "spam" && _updatedAt < $cutoff][0...$batch]._id`

/** Deletes spam last changed before `cutoff`, with its private halves; returns how many. */
export function deleteSpamOlderThan(client: SanityClient, cutoff: Date): Promise<number> {
  return deleteInBatches(client, SPAM_BATCH_QUERY, {cutoff: cutoff.toISOString()}, (id) => [commentPrivateId(id)])
}

// ---------------------------------------------------------------------------------------------
// Comment records: a comment with its post and private half, for emails and moderation links

const PrivateDetails = z.object({
  _id: z.string(),
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
  post: PublishedPost.omit({_id: true}).nullish(),
  private: PrivateDetails.nullish(),
})
export type CommentRecord = z.infer<typeof CommentRecord> & {
  /** The post's path on the site, or null if the post is gone or unpublished. */
  postPath: string | null
}

const RECORDS_QUERY = `{
  "comments": *[_type == "${COMMENT}" && _id in $ids]{
    _id, status, authorName, body, spamReason, submittedAt,
    "parentId": parent._ref,
    "post": post->{title, "slug": slug.current, publishedAt},
    "private": *[_id == "${COMMENT_PRIVATE_ID_PREFIX}" + ^._id][0]{_id, email, notifyReplies, approveLinkUsedAt, spamLinkUsedAt, trashLinkUsedAt}
  },
  ${TIME_ZONE_FIELD}
}`

/** Comments by id with their post and private details (email, notification wishes). */
export async function loadCommentRecords(client: SanityClient, ids: string[]): Promise<Map<string, CommentRecord>> {
  const result = await client.fetch(RECORDS_QUERY, {ids}, {perspective: 'raw'})
  const {comments, timeZone} = z.object({comments: z.array(CommentRecord), timeZone: TimeZone}).parse(result)
  return new Map(comments.map((comment) => [comment._id, {...comment, postPath: comment.post ? postPath(comment.post, timeZone) : null}]))
}

export async function loadCommentRecord(client: SanityClient, id: string): Promise<CommentRecord | null> {
  return (await loadCommentRecords(client, [id])).get(id) ?? null
}

// ---------------------------------------------------------------------------------------------
// Once-only markers on a comment's private half

/**
 * "Sent" markers, so a retried webhook or a repeated status change never emails anyone twice,
 * and "used" markers, so each kind of emailed moderation link acts once.
 */
export type SentMarker = 'moderatorsNotifiedAt' | 'approvalNotifiedAt' | 'replyNotifiedAt'
export type LinkUsedMarker = 'approveLinkUsedAt' | 'spamLinkUsedAt' | 'trashLinkUsedAt'
type OnceMarker = SentMarker | LinkUsedMarker

function isRevisionConflict(error: unknown): boolean {
  return (error as {statusCode?: number} | null)?.statusCode === 409
}

/**
 * Sets the marker on the comment's private half only if nobody set it first (the write is
 * conditional on the revision that was read, so it holds across site processes and restarts);
 * false if it was set already or there is no private half.
 */
export async function claimMarker(client: SanityClient, commentId: string, marker: OnceMarker): Promise<boolean> {
  const documentId = commentPrivateId(commentId)
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
  await client.patch(commentPrivateId(commentId)).unset([marker]).commit({visibility: 'sync'})
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

/** The sealed spam-check parameters and the last report sent, or null without a private half. */
export async function readAkismetState(client: SanityClient, commentId: string): Promise<AkismetState | null> {
  const found = await client.getDocument(commentPrivateId(commentId))
  return found ? AkismetState.parse(found) : null
}

/**
 * Records that `kind` is being reported, if the private half is still at `revision`; false
 * when someone changed it in between (read again and decide afresh).
 */
export async function markAkismetReported(client: SanityClient, commentId: string, revision: string, kind: 'spam' | 'ham'): Promise<boolean> {
  try {
    await client
      .patch(commentPrivateId(commentId))
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
  const restore = client.patch(commentPrivateId(commentId))
  await (previous ? restore.set({akismetReported: previous}) : restore.unset(['akismetReported', 'akismetReportedAt'])).commit({visibility: 'sync'})
}

// ---------------------------------------------------------------------------------------------
// Notification wishes

/** Who asked to hear of new posts: the private halves of approved comments only. */
export async function readPostSubscribers(client: SanityClient): Promise<{email: string; commentId: string}[]> {
  const found = await client.fetch(
    `*[_type == "${COMMENT_PRIVATE}" && notifyPosts == true && defined(email)
    && comment._ref in *[_type == "${COMMENT}" && status == "approved"]._id]{email, "commentId": comment._ref}`,
    {},
    {perspective: 'published'},
  )
  return z.array(z.object({email: z.string(), commentId: z.string()})).parse(found)
}

/**
 * Turns reply, approval and new-post emails off for every comment from the address that
 * wrote `commentId`. Returns how many comments' wishes changed.
 */
export async function stopEmailsToAuthorOf(client: SanityClient, commentId: string): Promise<number> {
  const email = await client.fetch<string | null>('*[_id == $id][0].email', {id: commentPrivateId(commentId)}, {perspective: 'raw'})
  const ids = email
    ? await client.fetch<string[]>(
        `*[_type == "${COMMENT_PRIVATE}" && lower(email) == $email && (notifyReplies == true || notifyPosts == true)]._id`,
        {email: email.toLowerCase()},
        {perspective: 'raw'},
      )
    : []
  if (ids.length === 0) return 0
  const transaction = client.transaction()
  for (const id of ids) transaction.patch(id, (patch) => patch.set({notifyReplies: false, notifyPosts: false}))
  await transaction.commit({visibility: 'sync'})
  return ids.length
}

// ---------------------------------------------------------------------------------------------
// A commenter's own data, by email address (export and erasure)

const OwnComment = z.object({
  privateId: z.string(),
  email: z.string(),
  notifyReplies: z.boolean().nullish(),
  notifyPosts: z.boolean().nullish(),
  userAgent: z.string().nullish(),
  hasNetworkAddressHash: z.boolean(),
  hasSealedSpamCheck: z.boolean(),
  comment: z
    .object({
      _id: z.string(),
      status: z.string(),
      authorName: z.string().nullish(),
      authorWebsite: z.string().nullish(),
      provider: z.string().nullish(),
      body: z.string().nullish(),
      submittedAt: z.string().nullish(),
      parentId: z.string().nullish(),
      post: z.object({title: z.string(), slug: z.string().nullish(), publishedAt: z.string().nullish()}).nullish(),
    })
    .nullish(),
})
export type OwnComment = z.infer<typeof OwnComment>

const OWN_COMMENTS_QUERY = `{
  "own": *[_type == "${COMMENT_PRIVATE}" && lower(email) == $email] | order(_createdAt asc){
    "privateId": _id, email, notifyReplies, notifyPosts, userAgent,
    "hasNetworkAddressHash": defined(networkAddressHash),
    "hasSealedSpamCheck": defined(akismetCheck),
    "comment": *[_type == "${COMMENT}" && _id == ^.comment._ref][0]{
      _id, status, authorName, authorWebsite, provider, body, submittedAt,
      "parentId": parent._ref,
      "post": post->{title, "slug": slug.current, publishedAt}
    }
  },
  ${TIME_ZONE_FIELD}
}`

/** Every comment whose private half has this (normalised) address, oldest first, with the blog's time zone. */
export async function readOwnComments(client: SanityClient, email: string): Promise<{own: OwnComment[]; timeZone: string}> {
  const result = await client.fetch(OWN_COMMENTS_QUERY, {email}, {perspective: 'raw'})
  return z.object({own: z.array(OwnComment), timeZone: TimeZone}).parse(result)
}

/** How many comments the site holds from this (normalised) address. */
export function countOwnComments(client: SanityClient, email: string): Promise<number> {
  return client.fetch<number>(`count(*[_type == "${COMMENT_PRIVATE}" && lower(email) == $email])`, {email}, {perspective: 'raw'})
}

/** The direct replies to these comments. */
export function readReplies(client: SanityClient, ids: string[]): Promise<{id: string; parentId: string}[]> {
  return client.fetch(`*[_type == "${COMMENT}" && parent._ref in $ids]{"id": _id, "parentId": parent._ref}`, {ids}, {perspective: 'raw'})
}

const ERASED = '[deleted]'

/**
 * In one transaction: deletes the private halves, deletes the comments in `remove`, and
 * anonymises those in `anonymise` (name and text become "[deleted]", website and account go).
 */
export async function eraseComments(
  client: SanityClient,
  {privateIds, remove, anonymise}: {privateIds: string[]; remove: string[]; anonymise: string[]},
): Promise<void> {
  if (privateIds.length + remove.length + anonymise.length === 0) return
  const transaction = client.transaction()
  for (const id of privateIds) transaction.delete(id)
  for (const id of remove) transaction.delete(id)
  for (const id of anonymise) {
    transaction.patch(id, (patch) => patch.set({authorName: ERASED, body: ERASED, provider: 'guest'}).unset(['authorWebsite', 'providerAccountId']))
  }
  await transaction.commit({visibility: 'sync'})
}

/** The comment id a private half belongs to, from its id alone (for one whose comment is gone). */
export function commentIdOfPrivate(privateId: string): string {
  return privateId.startsWith(COMMENT_PRIVATE_ID_PREFIX) ? privateId.slice(COMMENT_PRIVATE_ID_PREFIX.length) : privateId
}
