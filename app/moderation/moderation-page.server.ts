import type {CommentStatus} from '../../contract/comments'
import {getEnv} from '~/env.server'
import {siteLink} from '~/lib/site-link.server'
import {checkModerationToken, type ModerationAction} from '~/mail/email-links.server'
import {getWriteClient} from '~/sanity/client.server'
import {claimMarker, type LinkUsedMarker, loadCommentRecord, releaseMarker, setCommentStatus} from '~/sanity/comments.server'
import {isSameOrigin, originHeaders} from '~/security/same-origin.server'

/**
 * What a moderation link's page shows, before (GET) and after (POST) the moderator confirms.
 * Each kind of link (approve, spam, trash) acts once per comment, whichever moderator's email
 * it is in: a forwarded or leaked email can't flip a comment back and forth for the links'
 * 7 days. Used, it shows the comment's current status and sends the moderator to Studio.
 */

const STATUS_FOR: Record<ModerationAction, CommentStatus> = {
  approve: 'approved',
  spam: 'spam',
  trash: 'trash',
}

export interface CommentSummary {
  id: string
  authorName: string
  body: string
  status: string
  spamReason: string | null
  submittedAt: string | null
  postTitle: string | null
  /** Where the comment is (or will be) shown. */
  link: string
}

export type ModerationPage =
  | {state: 'invalid' | 'expired' | 'missing' | 'cross-site' | 'failed'}
  | {state: 'confirm' | 'already' | 'done' | 'used'; action: ModerationAction; comment: CommentSummary}

const USED_MARKER: Record<ModerationAction, LinkUsedMarker> = {
  approve: 'approveLinkUsedAt',
  spam: 'spamLinkUsedAt',
  trash: 'trashLinkUsedAt',
}

const HTTP_STATUS: Record<ModerationPage['state'], number> = {
  invalid: 400,
  expired: 410,
  missing: 404,
  'cross-site': 403,
  failed: 503,
  confirm: 200,
  already: 200,
  done: 200,
  used: 200,
}

export function httpStatusOf(page: ModerationPage): number {
  return HTTP_STATUS[page.state]
}

type Target = {page: ModerationPage} | {action: ModerationAction; summary: CommentSummary; used: boolean; recipient: string | undefined}

async function target(token: string): Promise<Target> {
  const check = checkModerationToken(token)
  if (!check.ok) return {page: {state: check.reason}}
  const comment = await loadCommentRecord(getWriteClient(), check.data.commentId)
  if (!comment) return {page: {state: 'missing'}}
  const summary: CommentSummary = {
    id: comment._id,
    authorName: comment.authorName || 'Someone',
    body: comment.body ?? '',
    status: comment.status,
    spamReason: comment.spamReason ?? null,
    submittedAt: comment.submittedAt ?? null,
    postTitle: comment.post?.title ?? null,
    link: siteLink(`${comment.postPath ?? '/'}#${comment._id}`),
  }
  const action = check.data.action
  return {action, summary, used: Boolean(comment.private[USED_MARKER[action]]), recipient: check.data.to}
}

export async function moderationPage(token: string): Promise<ModerationPage> {
  const found = await target(token)
  if ('page' in found) return found.page
  const state = found.summary.status === STATUS_FOR[found.action] ? 'already' : found.used ? 'used' : 'confirm'
  return {state, action: found.action, comment: found.summary}
}

export async function performModeration(request: Request, token: string): Promise<ModerationPage> {
  if (!isSameOrigin(originHeaders(request), new URL(getEnv().SITE_URL).origin)) return {state: 'cross-site'}
  const found = await target(token)
  if ('page' in found) return found.page
  const status = STATUS_FOR[found.action]
  if (found.summary.status === status) return {state: 'already', action: found.action, comment: found.summary}
  if (found.used) return {state: 'used', action: found.action, comment: found.summary}
  const client = getWriteClient()
  const marker = USED_MARKER[found.action]
  // Another click (or another site process) got there first: it acted, this one does not.
  if (!(await claimMarker(client, found.summary.id, marker))) return {state: 'used', action: found.action, comment: found.summary}
  try {
    // Links sent before they named their recipient still say it was an emailed link.
    await setCommentStatus(client, found.summary.id, status, {who: {kind: 'email', ...(found.recipient ? {address: found.recipient} : {})}})
  } catch (error) {
    console.error('A moderation link could not change a comment:', error)
    await releaseMarker(client, found.summary.id, marker).catch((release: unknown) => console.error('…nor be made usable again:', release))
    return {state: 'failed'}
  }
  return {state: 'done', action: found.action, comment: {...found.summary, status}}
}
