import {randomUUID} from 'node:crypto'
import type {SanityClient} from '@sanity/client'
import {z} from 'zod'
import {postPath} from '~/lib/permalink'
import {DEFAULT_TIME_ZONE} from '~/sanity/content.server'
import {seal} from '~/security/sealed.server'
import type {AkismetCommentParams} from './akismet.server'
import type {CommentStatus, ModerationSettings, PostForComments, SpamVerdict, Submission} from './comment-pipeline.server'

/**
 * Comments in the Content Lake. A comment is a public document (shown once approved); what
 * must stay private (email, a keyed hash of the network address, the sealed spam-check
 * parameters) goes in `comment-private.<id>`, which only token holders can read. Both are
 * written in one transaction: there is never a comment without its private half.
 */

export const PRIVATE_ID_PREFIX = 'comment-private.'

export function newCommentId(): string {
  return `comment-${randomUUID()}`
}

export interface NewComment {
  id: string
  post: PostForComments
  submission: Submission
  status: CommentStatus
  spamVerdict: SpamVerdict
  reasons: string[]
  submittedAt: Date
  networkAddressHash: string
  userAgent: string
  akismetParams?: AkismetCommentParams
  /** Written by the post's author (a moderator who writes as them): shown with a badge. */
  byPostAuthor?: boolean
}

/**
 * A comment's public document and its private half, as the site stores them: the one place
 * that decides what goes where (the WordPress importer stores imported comments through it).
 */
export function commentDocuments(comment: Omit<NewComment, 'post'> & {post: Pick<PostForComments, '_id'>}) {
  const {submission} = comment
  const publicDocument = {
    _id: comment.id,
    _type: 'comment',
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
    _id: `${PRIVATE_ID_PREFIX}${comment.id}`,
    _type: 'commentPrivate',
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

const ModerationFields = z.object({
  mode: z.enum(['holdAll', 'holdFirstTime', 'publishUnlessFlagged']).nullish().transform((mode) => mode ?? 'holdFirstTime'),
  holdIfLinksAtLeast: z.number().int().nullish().transform((count) => count ?? 2),
  holdWords: z.array(z.string()).nullish().transform((words) => words ?? []),
  trashWords: z.array(z.string()).nullish().transform((words) => words ?? []),
  closeCommentsAfterDays: z.number().int().nullish().transform((days) => days ?? 0),
  threadDepth: z.number().int().min(1).max(10).nullish().transform((depth) => depth ?? 5),
})
// Settings an editor never saved are the schema's initial values.
const Moderation = ModerationFields.nullish().transform((settings) => settings ?? ModerationFields.parse({}))

const CommentContext = z.object({
  moderation: Moderation,
  timeZone: z.string().nullish(),
  post: z
    .object({
      _id: z.string(),
      title: z.string(),
      slug: z.string(),
      publishedAt: z.string(),
      _updatedAt: z.string(),
      commentsOpen: z.boolean().nullish(),
      authorId: z.string().nullish(),
    })
    .nullable(),
})

const COMMENT_CONTEXT_QUERY = `{
  "moderation": *[_id == "siteSettings"][0].moderation,
  "timeZone": *[_id == "siteSettings"][0].timeZone,
  "post": *[_type == "post" && (_id == $postId || slug.current == $slug) && defined(publishedAt)][0]{
    _id, title, "slug": slug.current, publishedAt, _updatedAt, commentsOpen, "authorId": author._ref
  }
}`

/**
 * The post (by id or by slug) and the rules a new comment on it is judged by; post is null
 * when it is not published.
 */
export async function loadCommentContext(
  client: SanityClient,
  post: {id: string} | {slug: string},
  siteUrl: string,
): Promise<{settings: ModerationSettings; post: PostForComments | null}> {
  const result = CommentContext.parse(
    await client.fetch(
      COMMENT_CONTEXT_QUERY,
      {postId: 'id' in post ? post.id : null, slug: 'slug' in post ? post.slug : null},
      {perspective: 'published'},
    ),
  )
  const found = result.post
  const path = found && postPath(found, result.timeZone ?? DEFAULT_TIME_ZONE)
  return {
    settings: result.moderation,
    post: found && {
      _id: found._id,
      title: found.title,
      publishedAt: found.publishedAt,
      updatedAt: found._updatedAt,
      // Open unless an editor closed them: posts from before the switch existed stay open.
      commentsOpen: found.commentsOpen !== false,
      path: path!,
      permalink: new URL(path!, siteUrl).href,
      ...(found.authorId ? {authorId: found.authorId} : {}),
    },
  }
}

export async function findApprovedComment(client: SanityClient, id: string): Promise<{postId: string} | null> {
  const found = await client.fetch<{postId: string} | null>(
    `*[_type == "comment" && _id == $id && status == "approved"][0]{"postId": post._ref}`,
    {id},
    {perspective: 'published'},
  )
  return found
}

/**
 * Whether this person has had a comment approved before: the same signed-in account, or, for
 * a guest, an approved comment with the same email *and* name (WordPress's check_comment()).
 * An email alone is no proof of who is typing: anyone who knows a regular's address could
 * otherwise publish at once under any name.
 */
export async function hasApprovedComment(client: SanityClient, submission: Submission): Promise<boolean> {
  if (submission.identity) {
    return client.fetch<boolean>(
      `count(*[_type == "comment" && status == "approved" && provider == $provider && providerAccountId == $accountId][0...1]) > 0`,
      {provider: submission.identity.provider, accountId: submission.identity.accountId},
      {perspective: 'published'},
    )
  }
  if (!submission.email) return false
  const commentIds = await client.fetch<string[]>(
    `*[_type == "commentPrivate" && lower(email) == $email].comment._ref`,
    {email: submission.email.toLowerCase()},
    {perspective: 'published'},
  )
  if (commentIds.length === 0) return false
  return client.fetch<boolean>(
    `count(*[_type == "comment" && _id in $ids && status == "approved" && (!defined(provider) || provider == "guest") && lower(authorName) == $name][0...1]) > 0`,
    {ids: commentIds, name: submission.name.toLowerCase()},
    {perspective: 'published'},
  )
}
