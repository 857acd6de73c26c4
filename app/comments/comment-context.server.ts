import type {SanityClient} from '@sanity/client'
import type {ModerationSettings} from '../../contract/comments'
import {postPath} from '~/lib/permalink'
import {type PostForCommentsRead, readPostForComments} from '~/sanity/content.server'
import type {PostForComments} from './comment-pipeline.server'

/**
 * The post (by id or by slug) and the rules a new comment on it is judged by; post is null
 * when it is not published.
 */
export async function loadCommentContext(
  client: SanityClient,
  post: {id: string} | {slug: string},
  siteUrl: string,
): Promise<{settings: ModerationSettings; post: PostForComments | null}> {
  return commentContextOf(await readPostForComments(client, post), siteUrl)
}

/** The same from the post as already read (the post page reads it with the post). */
export function commentContextOf(
  {moderation, timeZone, post: found}: PostForCommentsRead,
  siteUrl: string,
): {settings: ModerationSettings; post: PostForComments | null} {
  if (!found) return {settings: moderation, post: null}
  const path = postPath(found, timeZone)
  return {
    settings: moderation,
    post: {
      _id: found._id,
      title: found.title,
      publishedAt: found.publishedAt,
      updatedAt: found._updatedAt,
      // Open unless an editor closed them: posts from before the switch existed stay open.
      commentsOpen: found.commentsOpen !== false,
      sensitiveTopic: found.sensitiveTopic === true,
      path,
      permalink: new URL(path, siteUrl).href,
      ...(found.authorId ? {authorId: found.authorId} : {}),
    },
  }
}
