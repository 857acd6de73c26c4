import {data, redirect} from '@remix-run/node'
import {moderatorIdentity} from '~/auth/moderators.server'
import {getEnv} from '~/env.server'
import {postPath} from '~/lib/permalink'
import {getWriteClient} from '~/sanity/client.server'
import {type HeldRow, isCommentOnPost, readHeldComments, setCommentStatus} from '~/sanity/comments.server'
import {readPostForComments} from '~/sanity/content.server'
import {formTokenIsForSession} from '~/security/form-token.server'
import {isSameOrigin, originHeaders} from '~/security/same-origin.server'
import {getSession} from '~/session/session.server'
import {
  type HeldComment,
  type HeldCommentsData,
  INLINE_DECISIONS,
  type InlineDecision,
  MODERATE_INTENT,
  type ModerationFailure,
  SPAM_SHOWN,
} from './inline-moderation'

/**
 * The server side of moderating from the post page (see ./inline-moderation.ts): the held
 * comments for a moderator's page, and their Approve / Spam / Trash posts, each checked
 * again here, never trusted from the page.
 */

// Held comments are read with the write token (they are not public): only for a moderator.
function toHeld({parentId, authorWebsite, reason, ...row}: HeldRow): HeldComment {
  return {...row, ...(parentId ? {parentId} : {}), ...(authorWebsite ? {authorWebsite} : {}), ...(reason ? {reason} : {})}
}

/** The post's pending comments (oldest first) and newest spam, for a reader already known to be a moderator. */
export async function loadHeldComments(postId: string): Promise<Omit<HeldCommentsData, 'token'>> {
  const rows = await readHeldComments(getWriteClient(), postId, SPAM_SHOWN)
  return {pending: rows.pending.map(toHeld), spam: rows.spam.map(toHeld)}
}

// A moderator's button posts a few short fields; a comment is usually longer. A post that
// says it is bigger is not read ahead, so a long comment's body is not parsed twice.
const MODERATION_POST_MAX_BYTES = 2048

/** The post's fields when it is a moderator's button press (intent=moderate); else null, body left to read. */
export async function readModerationPost(request: Request): Promise<FormData | null> {
  if (Number(request.headers.get('Content-Length') ?? 0) > MODERATION_POST_MAX_BYTES) return null
  const form = await request
    .clone()
    .formData()
    .catch(() => null)
  return form?.get('intent') === MODERATE_INTENT ? form : null
}

function refused(commentId: string, status: 400 | 403 | 404, message: string) {
  return data<ModerationFailure>({moderation: {commentId, message}}, {status, headers: {'Cache-Control': 'private, no-store'}})
}

function isDecision(value: unknown): value is InlineDecision {
  return typeof value === 'string' && (INLINE_DECISIONS as readonly string[]).includes(value)
}

/**
 * A moderator's Approve / Spam / Trash from the post page. Checks, in order: the post came
 * from this site's page, the reader is a moderator now (not when the page was served), the
 * token was served to this session, and the comment is on this post. Then the same lake
 * patch as Studio's and the emailed links' (the webhook does the rest), and back to the page.
 */
export async function handleInlineModeration(request: Request, form: FormData, target: {slug: string}) {
  const field = (name: string) => {
    const value = form.get(name)
    return typeof value === 'string' ? value : ''
  }
  const commentId = field('commentId')
  const status = field('status')
  const env = getEnv()
  if (!isSameOrigin(originHeaders(request), new URL(env.SITE_URL).origin)) {
    return refused(commentId, 403, 'This was sent from another website, so nothing was changed.')
  }
  const moderator = await moderatorIdentity(request)
  if (!moderator) {
    return refused(commentId, 403, 'Only the blog’s moderators can do this. Log in with your moderator account and try again.')
  }
  const session = await getSession(request)
  if (!formTokenIsForSession(form, session.get('csrf'), Date.now())) {
    return refused(commentId, 403, 'This page is out of date, so nothing was changed. Reload the page and try again.')
  }
  if (!/^comment-[a-z0-9-]{1,64}$/.test(commentId) || !isDecision(status)) {
    return refused(commentId, 400, 'Choose Approve, Spam or Trash on a comment.')
  }
  const client = getWriteClient()
  const {post, timeZone} = await readPostForComments(client, {slug: target.slug})
  const onThisPost = post !== null && (await isCommentOnPost(client, commentId, post._id))
  if (!post || !onThisPost) return refused(commentId, 404, 'This comment is not on this post any more.')

  await setCommentStatus(client, commentId, status, {
    who: {kind: 'moderator', provider: moderator.provider, accountId: moderator.accountId, name: moderator.name},
  })
  // Approved, it is in the thread under its own anchor; otherwise back to the held list.
  return redirect(`${postPath(post, timeZone)}#${status === 'approved' ? commentId : 'held-comments'}`, {
    status: 303,
    headers: {'Cache-Control': 'private, no-store'},
  })
}
