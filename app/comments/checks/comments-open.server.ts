import type {CheckContext, Gate} from '../comment-pipeline.server'

const DAY_MS = 24 * 60 * 60 * 1000

/** Whether a post takes new comments: the editor's switch, and the site's age limit. */
export function commentsAreOpen(post: CheckContext['post'], closeAfterDays: number, now: Date): boolean {
  if (!post.commentsOpen) return false
  if (closeAfterDays <= 0) return true
  return now.getTime() - new Date(post.publishedAt).getTime() < closeAfterDays * DAY_MS
}

export const commentsOpenGate: Gate<CheckContext> = {
  name: 'comments-open',
  run: ({post, settings, now}) =>
    commentsAreOpen(post, settings.closeCommentsAfterDays, now)
      ? null
      : {status: 409, message: 'Comments are closed on this post, so your comment was not posted. Your text is below if you would like to keep it.'},
}
