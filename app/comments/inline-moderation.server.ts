import {data, redirect} from '@remix-run/node'
import {readerIsModerator} from '~/auth/moderators.server'
import {getEnv} from '~/env.server'
import {getWriteClient} from '~/sanity/client.server'
import {isSameOrigin, originHeaders} from '~/security/same-origin.server'
import {getSession} from '~/session/session.server'
import {formTokenIsForSession} from './checks/form-token.server'
import {loadCommentContext} from './comment-store.server'
import {type HeldComment, type HeldCommentsData, INLINE_DECISIONS, type InlineDecision, MODERATE_INTENT, type ModerationFailure, SPAM_SHOWN} from './inline-moderation'
import {setCommentStatus} from './moderation.server'

/**
 * The server side of moderating from the post page (see ./inline-moderation.ts): the held
 * comments for a moderator's page, and their Approve / Spam / Trash posts, each checked
 * again here, never trusted from the page.
 */


// Public fields plus the reason; never the private document's. Held comments are read with
// the write token (they are not public), so this query is only run for a moderator.
const HELD_FIELDS = `"id": _id, "parentId": parent._ref, authorName, authorWebsite, provider, body, submittedAt, status, "reason": spamReason`
const HELD_QUERY = `{
  "pending": *[_type == "comment" && post._ref == $postId && status == "pending"] | order(submittedAt asc){${HELD_FIELDS}},
  "spam": *[_type == "comment" && post._ref == $postId && status == "spam"] | order(submittedAt desc)[0...${SPAM_SHOWN}]{${HELD_FIELDS}}
}`

type HeldRow = Omit<HeldComment, 'parentId' | 'authorWebsite' | 'reason'> & {parentId: string | null; authorWebsite: string | null; reason: string | null}

function toHeld({parentId, authorWebsite, reason, ...row}: HeldRow): HeldComment {
  return {...row, ...(parentId ? {parentId} : {}), ...(authorWebsite ? {authorWebsite} : {}), ...(reason ? {reason} : {})}
}

/** The post's pending comments (oldest first) and newest spam, for a reader already known to be a moderator. */
export async function loadHeldComments(postId: string): Promise<Omit<HeldCommentsData, 'token'>> {
  const rows = await getWriteClient().fetch<{pending: HeldRow[]; spam: HeldRow[]}>(HELD_QUERY, {postId}, {perspective: 'published'})
  return {pending: rows.pending.map(toHeld), spam: rows.spam.map(toHeld)}
}

// A moderator's button posts a few short fields; a comment is usually longer. A post that
// says it is bigger is not read ahead, so a long comment's body is not parsed twice.
const MODERATION_POST_MAX_BYTES = 2048

/** The post's fields when it is a moderator's button press (intent=moderate); else null, body left to read. */
export async function readModerationPost(request: Request): Promise<FormData | null> {
  if (Number(request.headers.get('Content-Length') ?? 0) > MODERATION_POST_MAX_BYTES) return null
  const form = await request.clone().formData().catch(() => null)
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
  if (!(await readerIsModerator(request))) {
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
  const {post} = await loadCommentContext(client, {slug: target.slug}, env.SITE_URL)
  const onThisPost =
    post !== null &&
    (await client.fetch<boolean>('count(*[_type == "comment" && _id == $id && post._ref == $postId]) > 0', {id: commentId, postId: post._id}, {perspective: 'published'}))
  if (!post || !onThisPost) return refused(commentId, 404, 'This comment is not on this post any more.')

  await setCommentStatus(commentId, status, client)
  // Approved, it is in the thread under its own anchor; otherwise back to the held list.
  return redirect(`${post.path}#${status === 'approved' ? commentId : 'held-comments'}`, {status: 303, headers: {'Cache-Control': 'private, no-store'}})
}
