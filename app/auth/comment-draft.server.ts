import type {SanityClient} from '@sanity/client'
import {getCommentConfig} from '~/comments/comment-config.server'
import {COMMENT_ID, COMMENT_LIMITS, type CommentFormValues, fieldsOverLimit, formValues} from '~/comments/form-fields'
import {getWriteClient} from '~/sanity/client.server'
import {deleteCommentDraft, deleteExpiredCommentDrafts, newCommentDraftId, readCommentDraft, writeCommentDraft} from '~/sanity/comment-drafts.server'
import {networkPrefix} from '~/security/network-address.server'
import {RateLimiter, takeIfAllowed} from '~/security/rate-limiter.server'
import {seal, unseal} from '~/security/sealed.server'
import {getSession, type ReaderSession} from '~/session/session.server'

/**
 * A comment the reader had started when they pressed a log-in button: the log-in buttons
 * submit the comment form to /auth/<provider>, so its fields arrive there with or without
 * JavaScript, and come back filled in after the provider's round-trip.
 *
 * A comment may be 5,000 characters, more than a cookie holds, so the draft is kept in the
 * lake as a private document (an id with a dot: unreadable without a token), sealed because
 * it may hold the reader's email address, for a day at most. The session keeps its id.
 *
 * Anyone can press a log-in button, so what is kept is bounded like a comment: the same field
 * limits, the same rate limits (per network and per session), one draft per session (replaced,
 * never added), deleted on a schedule once expired (purgeExpiredDrafts).
 */
const DRAFT_LIFETIME_MS = 24 * 60 * 60 * 1000

interface SealedDraft {
  values: CommentFormValues
  /** The page the form was on: the draft is offered back there only. */
  returnTo: string
  /** The reader's own comments when it was kept: one more since means it has been posted. */
  ownComments: string[]
}

/** Why a draft was not kept, for the reader. */
export interface DraftRefusal {
  status: 400 | 429
  message: string
  retryAfterSeconds?: number
}

function hasText(values: CommentFormValues): boolean {
  return [values.body, values.name, values.email, values.website].some((value) => value.trim() !== '')
}

let limiters: {byNetwork: RateLimiter; bySession: RateLimiter} | undefined

// The comments' own limits: a reader who may post a comment may keep a draft of it.
function draftLimiters() {
  const config = getCommentConfig()
  const windowMs = config.COMMENT_RATE_WINDOW_MINUTES * 60_000
  limiters ??= {
    byNetwork: new RateLimiter('drafts-by-network', config.COMMENT_RATE_LIMIT_PER_NETWORK, windowMs),
    bySession: new RateLimiter('drafts-by-session', config.COMMENT_RATE_LIMIT_PER_COMMENTER, windowMs),
  }
  return limiters
}

function tooLong(values: CommentFormValues): DraftRefusal | null {
  const over = fieldsOverLimit(values)
  if (over.length === 0) return null
  const limits = over.map((field) => `${field === 'body' ? 'comment' : field} ${COMMENT_LIMITS[field].toLocaleString('en-US')} characters`)
  return {
    status: 400,
    message: `Your comment could not be kept while you log in: it is longer than this blog takes (at most: ${limits.join(', ')}). Please go back, shorten it, and log in again.`,
  }
}

function tooMany(waitMs: number): DraftRefusal {
  const minutes = Math.max(1, Math.ceil(waitMs / 60_000))
  return {
    status: 429,
    message: `You have started several log-ins with a comment in a short time. Please wait ${minutes} minute${minutes === 1 ? '' : 's'} and try again: your comment is still on the page you came from.`,
    retryAfterSeconds: Math.ceil(waitMs / 1000),
  }
}

/**
 * Keeps the form's fields for the page at `returnTo`, replacing this session's draft; an empty
 * form clears any draft. `clientAddress` is the reader's network address ('' when unknown: such
 * requests share one limit). Returns why nothing was kept, if it was refused.
 */
export async function saveCommentDraft(
  session: ReaderSession,
  form: FormData,
  returnTo: string,
  {clientAddress, now = Date.now()}: {clientAddress: string; now?: number},
): Promise<DraftRefusal | null> {
  const values = formValues(form)
  if (!hasText(values)) {
    await clearCommentDraft(session)
    return null
  }
  const refusal = tooLong(values)
  if (refusal) return refusal
  const id = session.get('commentDraft') ?? newCommentDraftId()
  const {byNetwork, bySession} = draftLimiters()
  const network = networkPrefix(clientAddress)
  const wait = takeIfAllowed(
    [
      [byNetwork, network],
      [bySession, id],
    ],
    now,
  )
  if (wait > 0) return tooMany(wait)

  const draft: SealedDraft = {
    values: {...values, parentId: COMMENT_ID.test(values.parentId) ? values.parentId : ''},
    returnTo,
    ownComments: session.get('ownComments') ?? [],
  }
  await writeCommentDraft(getWriteClient(), id, seal(draft), new Date(now + DRAFT_LIFETIME_MS))
  session.set('commentDraft', id)
  return null
}

/** The reader's started comment for this page, if they left one here. */
export async function getCommentDraft(request: Request): Promise<CommentFormValues | null> {
  const session = await getSession(request)
  const id = session.get('commentDraft')
  if (!id) return null
  const document = await readCommentDraft(getWriteClient(), id)
  if (!document?.sealed || !document.expiresAt || Date.parse(document.expiresAt) < Date.now()) return null
  const draft = unseal<SealedDraft>(document.sealed)
  if (!draft) return null
  const posted = (session.get('ownComments') ?? []).some((comment) => !draft.ownComments.includes(comment))
  if (posted) return null
  // Remix's data requests come without the trailing slash the page address has.
  const path = (value: string) => value.replace(/[?#].*$/, '').replace(/\/+$/, '')
  return path(draft.returnTo) === path(new URL(request.url).pathname) ? draft.values : null
}

/** Forgets the draft once the comment is posted (the caller commits the session). */
export async function clearCommentDraft(session: ReaderSession): Promise<void> {
  const id = session.get('commentDraft')
  if (!id) return
  session.unset('commentDraft')
  await deleteCommentDraft(getWriteClient(), id)
}

/** Deletes the drafts of readers who never came back; returns how many. */
export function purgeExpiredDrafts(client: SanityClient, now = new Date()): Promise<number> {
  return deleteExpiredCommentDrafts(client, now)
}
