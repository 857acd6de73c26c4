import {data, redirect} from '@remix-run/node'
import {randomUUID} from 'node:crypto'
import {getEnv} from '~/env.server'
import {clearCommentDraft} from '~/auth/comment-draft.server'
import {requestFollowUps} from '~/notifications/follow-ups.server'
import {notifyModeratorsOfCareHold, notifyModeratorsOfHeldComment, notifyCommentPublishedOnArrival} from '~/notifications/comment-notifications.server'
import {getWriteClient, isLakeUnavailable} from '~/sanity/client.server'
import {newCommentId, saveComment} from '~/sanity/comments.server'
import {commitSession, getSession, type ReaderSession} from '~/session/session.server'
import {issueFormToken} from '~/security/form-token.server'
import {formTokenGate} from './checks/form-token.server'
import {replyGuard, type ReplyGuardQuestion} from './checks/reply-guard.server'
import {MAX_COMMENT_REQUEST_BYTES} from './comment-config.server'
import {commentStages, requestFacts} from './comment-stages.server'
import {type PipelineResult, type Rejection, runCommentPipeline} from './comment-pipeline.server'
import {loadCommentContext} from './comment-context.server'
import {hashNetworkAddress, hashNetworkPrefix} from '~/security/network-address.server'
import {isPostAuthor} from './post-author.server'
import {type CommentFormValues, type FieldErrors, formValues} from './form-fields'

/** What the form gets back when a comment was not posted: why, and every field as typed. */
export interface CommentActionFailure {
  comment: {
    message: string
    fieldErrors: FieldErrors
    values: CommentFormValues
    /** A fresh form token, so the reader can send the form again as it is. */
    token: string
    /** A post author's reply that would confirm a treatment relationship: what to confirm. */
    replyGuard?: ReplyGuardQuestion
  }
}

function failure(rejection: Rejection, values: CommentFormValues, session: ReaderSession, replyGuard?: ReplyGuardQuestion) {
  return data<CommentActionFailure>(
    {
      comment: {
        message: rejection.message,
        fieldErrors: rejection.fieldErrors ?? {},
        values,
        token: issueFormToken(session.get('csrf')),
        ...(replyGuard ? {replyGuard} : {}),
      },
    },
    {status: rejection.status, headers: {'Cache-Control': 'private, no-store'}},
  )
}

const UNAVAILABLE: Rejection = {
  status: 503,
  message:
    'Your comment could not be saved just now because the blog’s storage is not answering. Nothing is lost: your comment is below. Please try “Post Comment” again in a minute.',
}

const REPLY_GUARD_REJECTION: Rejection = {
  status: 409,
  message: 'Before your reply is published: some of its words could tell readers that the person you answer is your client. Check them below.',
}

// A reader's own comments are remembered in their session so they can see them while held.
const OWN_COMMENTS_KEPT = 20
// Of those, the newest held for care; fewer, so the cookie stays well under browsers' limit.
const CARE_COMMENTS_KEPT = 5

/** Remembers the comment in the reader's sealed session: they see it while held, and may edit or delete it for a while. */
export function rememberOwnComment(session: ReaderSession, id: string, needsCare: boolean): void {
  const own = [...(session.get('ownComments') ?? []).filter((known) => known !== id), id].slice(-OWN_COMMENTS_KEPT)
  session.set('ownComments', own)
  const care = (session.get('careComments') ?? []).filter((known) => own.includes(known))
  if (needsCare) care.push(id)
  if (care.length > 0) session.set('careComments', care.slice(-CARE_COMMENTS_KEPT))
  else session.unset('careComments')
  if (!session.get('csrf')) session.set('csrf', randomUUID())
}

export interface CommentPostTarget {
  /** The post, as the address names it. */
  slug: string
  clientAddress: string
}

/**
 * Handles a posted comment form, with or without JavaScript: on success a redirect to the
 * comment's anchor; otherwise the reason and the reader's text, never lost.
 */
export async function handleCommentPost(request: Request, target: CommentPostTarget) {
  const session = await getSession(request)
  const size = Number(request.headers.get('Content-Length') ?? 0)
  if (size > MAX_COMMENT_REQUEST_BYTES) {
    return failure({status: 400, message: 'This comment is far too long to post.'}, formValues(new FormData()), session)
  }
  const form = await request.formData()
  const values = formValues(form)
  const identity = session.get('identity')
  const now = new Date()

  let result: PipelineResult
  try {
    const {post, settings} = await loadCommentContext(getWriteClient(), {slug: target.slug}, getEnv().SITE_URL)
    if (!post) return failure({status: 404, message: 'This post is no longer published, so it cannot take comments.'}, values, session)
    const byPostAuthor = await isPostAuthor(identity, post)
    // Published at once, so the author first confirms what would tell readers the commenter is
    // their client. Asked before the pipeline: being asked costs none of their comment allowance.
    const question = byPostAuthor ? replyGuard(values.body, form, session.get('csrf') ?? '', now.getTime()) : null
    if (question) return failure(REPLY_GUARD_REJECTION, values, session, question)
    const tokenGate = formTokenGate({csrfSecret: session.get('csrf'), signedIn: Boolean(identity)})
    const base = commentStages().newComment
    result = await runCommentPipeline(
      {form, values, request: requestFacts(request, target.clientAddress), post, settings, now, ...(identity ? {identity} : {})},
      {...base, requestGates: [...base.requestGates, tokenGate]},
    )
    if (result.type === 'rejected') return failure(result.rejection, values, session)
    // The clinician who wrote the post answers readers in their own name, without moderation.
    const status = byPostAuthor ? 'approved' : result.status

    const id = newCommentId()
    await saveComment(getWriteClient(), {
      id,
      post,
      submission: result.submission,
      status,
      spamVerdict: result.spamVerdict,
      reasons: byPostAuthor ? [] : result.reasons,
      submittedAt: now,
      networkAddressHash: hashNetworkAddress(target.clientAddress),
      networkPrefixHash: hashNetworkPrefix(target.clientAddress),
      userAgent: request.headers.get('User-Agent') ?? '',
      ...(result.akismetParams ? {akismetParams: result.akismetParams} : {}),
      ...(byPostAuthor ? {byPostAuthor} : {}),
    })
    const needsCare = status === 'pending' && result.needsCare
    rememberOwnComment(session, id, needsCare)
    // Posted: a draft kept while the reader logged in is done with.
    await clearCommentDraft(session).catch((error: unknown) => console.error('Could not clear a comment draft:', error))
    if (values.saveDetails && !identity) {
      session.set('savedDetails', {name: result.submission.name, email: result.submission.email ?? '', website: result.submission.website ?? ''})
    } else if (!identity) {
      session.unset('savedDetails')
    }
    if (status === 'pending') {
      // Email trouble must not cost the reader their comment: it is saved already.
      const notify = needsCare ? notifyModeratorsOfCareHold : notifyModeratorsOfHeldComment
      notify(id).catch((error: unknown) => console.error(`Could not tell moderators about ${id}:`, error))
    } else if (status === 'approved') {
      // Published on arrival, so no status change will reach the webhook: the comment it
      // answers (the post author's reply to a question, say) and the post's followers hear of it from here.
      notifyCommentPublishedOnArrival(id).catch((error: unknown) => console.error(`Could not announce the comment ${id}:`, error))
    }
    const {email, notifyReplies} = result.submission
    // Spam and trash never subscribe anyone: the form takes any address, and a stranger's inbox is not the spammer's to fill.
    if (notifyReplies && email && (status === 'approved' || status === 'pending')) {
      requestFollowUps(email, post._id, target.clientAddress).catch((error: unknown) => console.error('Could not ask to confirm follow-ups:', error))
    }
    return redirect(`${post.path}#${id}`, {status: 303, headers: {'Set-Cookie': await commitSession(session)}})
  } catch (error) {
    if (!isLakeUnavailable(error) && !(error instanceof Response && error.status === 503)) throw error
    console.error('Comment not saved, lake unavailable:', error instanceof Error ? error.message : error)
    return failure(UNAVAILABLE, values, session)
  }
}
