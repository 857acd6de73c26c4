import {getEnv} from '~/env.server'
import {getPublicClient} from '~/sanity/client.server'
import {findApprovedComment, readApprovedComments} from '~/sanity/comments.server'
import {COMMENTS_PER_PAGE} from './comment-config.server'
import {loadCommentContext} from './comment-context.server'
import {toShown} from './comments-loader.server'
import {buildThreads, pageOfComment} from './thread'

/**
 * Where an approved comment is shown: its post's address, at the page of comments holding it
 * (`?cpage=N`), with its anchor. Null for anything else (unknown, held, spam, trashed, or on a
 * post no longer published), so nothing is told about comments readers cannot see.
 */
export async function findCommentAddress(id: string): Promise<string | null> {
  const client = getPublicClient()
  const comment = await findApprovedComment(client, id)
  if (!comment) return null
  const {settings, post} = await loadCommentContext(client, {id: comment.postId}, getEnv().SITE_URL)
  if (!post) return null
  const approved = await readApprovedComments(post._id)
  // Paged as every reader without a session sees the comments (comments-loader.server).
  const threads = buildThreads(
    approved.map((row) => toShown(row, false)),
    settings.threadDepth,
  )
  const page = pageOfComment(threads, COMMENTS_PER_PAGE, id)
  return `${post.path}${page > 1 ? `?cpage=${page}` : ''}#${id}`
}
