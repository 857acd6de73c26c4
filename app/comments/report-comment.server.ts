import {REPORT_REASONS, type ReportReason} from '../../contract/comment-reports'
import {getEnv} from '~/env.server'
import {notifyModeratorsOfReportHold} from '~/notifications/comment-notifications.server'
import {getWriteClient, isLakeUnavailable} from '~/sanity/client.server'
import {addCommentReport, readReportableComment} from '~/sanity/comments.server'
import {findCommentAddress} from './comment-address.server'
import {hashNetworkAddress, networkPrefix} from '~/security/network-address.server'
import {RateLimiter, takeIfAllowed} from '~/security/rate-limiter.server'
import {isSameOrigin, originHeaders} from '~/security/same-origin.server'
import {signToken, verifyToken} from '~/security/signed-token.server'

/**
 * A reader's report of a published comment (decision 0237), from a small page of its own that
 * works without JavaScript: no account, a reason to choose, a signed form token and the
 * same-origin check against forged posts, rate limits per network and per comment. The reader
 * is thanked the same way whether their report was counted, was a repeat or held the comment:
 * what others reported is not theirs to learn.
 */

export const REPORT_TOKEN_FIELD = 'formToken'
export const REPORT_REASON_FIELD = 'reason'

const PURPOSE = 'comment-report'
// Long enough to read the comment again and decide.
const LIFETIME_SECONDS = 24 * 60 * 60
const HOUR = 60 * 60 * 1000
// A reader reports a few comments at most; a network that reports dozens an hour is a campaign.
const perNetwork = new RateLimiter('reports-by-network', 10, HOUR)
// Bounds the writes to one comment's record, whoever sends them.
const perComment = new RateLimiter('reports-by-comment', 30, HOUR)

interface ShownComment {
  authorName: string
  body: string
  /** The comment on its post. */
  href: string
}

export type ReportPage =
  | {state: 'form'; comment: ShownComment; token: string; error?: string}
  /** `href`: the post (the comment may be held by now). */
  | {state: 'done'; reason: ReportReason; href: string}
  | {state: 'not-found'}
  | {state: 'cross-site'}
  | {state: 'too-many'; retryAfterMinutes: number}
  | {state: 'unavailable'; comment: ShownComment; token: string}

const HTTP_STATUS: Record<ReportPage['state'], number> = {
  form: 200,
  done: 200,
  'not-found': 404,
  'cross-site': 403,
  'too-many': 429,
  unavailable: 503,
}

export function httpStatusOfReport(page: ReportPage): number {
  return page.state === 'form' && page.error ? 400 : HTTP_STATUS[page.state]
}

function issueReportToken(commentId: string, now: number): string {
  return signToken({c: commentId}, {purpose: PURPOSE, expiresIn: LIFETIME_SECONDS, now})
}

async function shownComment(commentId: string): Promise<ShownComment | null> {
  const [found, href] = await Promise.all([readReportableComment(commentId), findCommentAddress(commentId)])
  return found && href ? {...found, href} : null
}

/** The report form for a published comment, or not-found. */
export async function reportPage(commentId: string | null, now = Date.now()): Promise<ReportPage> {
  const comment = commentId ? await shownComment(commentId) : null
  return comment && commentId ? {state: 'form', comment, token: issueReportToken(commentId, now)} : {state: 'not-found'}
}

const isReason = (value: unknown): value is ReportReason => typeof value === 'string' && (REPORT_REASONS as readonly string[]).includes(value)

/** `clientAddress` is the reporter's network address, or '' when the server can't tell. */
export async function performReport(request: Request, commentId: string | null, clientAddress: string, now = Date.now()): Promise<ReportPage> {
  if (!isSameOrigin(originHeaders(request), new URL(getEnv().SITE_URL).origin)) return {state: 'cross-site'}
  if (!commentId) return {state: 'not-found'}
  const form = await request.formData()
  // Only a published comment can be reported; one held already needs no more reports.
  const comment = await shownComment(commentId)
  if (!comment) return {state: 'not-found'}
  const again = (error: string): ReportPage => ({state: 'form', comment, token: issueReportToken(commentId, now), error})
  const token = form.get(REPORT_TOKEN_FIELD)
  const check = typeof token === 'string' ? verifyToken<{c: string}>(token, PURPOSE, {now}) : null
  if (!check?.ok || check.data.c !== commentId) {
    return again(
      check && !check.ok && check.reason === 'expired'
        ? 'This page was open for a long time, so the form expired. Please choose a reason and send it again.'
        : 'This form could not be verified. Please choose a reason and send it again.',
    )
  }
  const reason = form.get(REPORT_REASON_FIELD)
  if (!isReason(reason)) return again('Please choose what is wrong with this comment.')
  const network = networkPrefix(clientAddress)
  const wait = takeIfAllowed(
    [
      [perNetwork, network],
      [perComment, commentId],
    ],
    now,
  )
  if (wait > 0) return {state: 'too-many', retryAfterMinutes: Math.max(1, Math.ceil(wait / 60_000))}
  try {
    // Keyed per comment: the hash tells this comment's reporters apart and matches nothing else the site keeps.
    const from = hashNetworkAddress(`report:${commentId}:${network}`)
    const outcome = await addCommentReport(getWriteClient(), commentId, {reason, from, at: new Date(now)})
    if (outcome === 'held')
      notifyModeratorsOfReportHold(commentId).catch((error: unknown) => console.error(`Could not tell moderators about ${commentId}:`, error))
  } catch (error) {
    if (!isLakeUnavailable(error)) throw error
    console.error('Report not saved, lake unavailable:', error instanceof Error ? error.message : error)
    return {state: 'unavailable', comment, token: issueReportToken(commentId, now)}
  }
  return {state: 'done', reason, href: comment.href.replace(/[?#].*$/, '')}
}
