import type {SanityClient} from '@sanity/client'
import {z} from 'zod'
import {postPath} from '~/lib/permalink'

/** The private details' id for a comment: the dot keeps it out of every token-less read. */
export function privateIdFor(commentId: string): string {
  return `comment-private.${commentId}`
}

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
  status: z.enum(['pending', 'approved', 'spam', 'trash']),
  authorName: z.string().nullish(),
  body: z.string().nullish(),
  spamReason: z.string().nullish(),
  submittedAt: z.string().nullish(),
  parentId: z.string().nullish(),
  post: z.object({title: z.string(), slug: z.string(), publishedAt: z.string()}).nullish(),
  private: PrivateDetails.nullish(),
})
export type CommentRecord = z.infer<typeof CommentRecord> & {
  /** The post's path on the site, or null if the post is gone or unpublished. */
  postPath: string | null
}

const COMMENT_RECORD = `{
  _id, status, authorName, body, spamReason, submittedAt,
  "parentId": parent._ref,
  "post": post->{title, "slug": slug.current, publishedAt},
  "private": *[_id == "comment-private." + ^._id][0]{_id, email, notifyReplies, approveLinkUsedAt, spamLinkUsedAt, trashLinkUsedAt}
}`

// Raw perspective: private details have a dot in their id, like drafts, and only a token
// client reading raw documents is sure to see them on hosted Sanity too.
const RECORDS_QUERY = `{
  "comments": *[_type == "comment" && _id in $ids]${COMMENT_RECORD},
  "timeZone": *[_id == "siteSettings"][0].timeZone
}`

/** Comments by id with their post and private details (email, notification wishes). */
export async function loadCommentRecords(client: SanityClient, ids: string[]): Promise<Map<string, CommentRecord>> {
  const result = await client.fetch(RECORDS_QUERY, {ids}, {perspective: 'raw'})
  const {comments, timeZone} = z
    .object({comments: z.array(CommentRecord), timeZone: z.string().nullish()})
    .parse(result)
  return new Map(
    comments.map((comment) => [
      comment._id,
      {...comment, postPath: comment.post ? postPath(comment.post, timeZone ?? 'America/New_York') : null},
    ]),
  )
}

export async function loadCommentRecord(client: SanityClient, id: string): Promise<CommentRecord | null> {
  return (await loadCommentRecords(client, [id])).get(id) ?? null
}

/** The moderators' addresses from Site settings › Comment moderation, without repeats. */
export async function moderatorAddresses(client: SanityClient): Promise<string[]> {
  const emails = await client.fetch<unknown>('*[_id == "siteSettings"][0].moderation.notifyEmails')
  const list = z.array(z.string()).nullish().parse(emails) ?? []
  return [...new Set(list.map((email) => email.trim()).filter(Boolean))]
}
