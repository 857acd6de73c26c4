import type {SanityClient} from '@sanity/client'
import {getWriteClient} from '~/sanity/client.server'
import type {CommentStatus} from './comment-pipeline.server'

/**
 * A moderator's decision, from an email link or a button on the site: one patch of the
 * comment's status in the lake, as Studio makes. What follows from it (Akismet reports, the
 * commenter's email) happens in the lake's comment-status webhook, whoever made the change.
 */
export async function setCommentStatus(
  commentId: string,
  status: CommentStatus,
  client: SanityClient = getWriteClient(),
): Promise<void> {
  const isComment = await client.fetch<boolean>(
    'count(*[_id == $id && _type == "comment"]) > 0',
    {id: commentId},
    {perspective: 'raw'},
  )
  // Only a comment: never a draft, someone's private details or another document by mistake.
  if (!isComment) throw new Error(`No comment ${JSON.stringify(commentId)}`)
  await client.patch(commentId).set({status}).commit({visibility: 'sync'})
}
