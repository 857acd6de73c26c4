import {siteLink} from '~/lib/site-link.server'
import {signToken, verifyToken, type TokenCheck} from '~/security/signed-token.server'

/**
 * The signed links emails carry: a moderator's one-click decision on a held comment, and a
 * commenter's "stop these emails". Each kind is signed for its own purpose, so one can never
 * be used as the other.
 */

/** What a one-click moderation link may do. */
export const MODERATION_ACTIONS = ['approve', 'spam', 'trash'] as const
export type ModerationAction = (typeof MODERATION_ACTIONS)[number]

const DAY = 24 * 60 * 60
export const MODERATION_LINK_DAYS = 7
// Long enough that an old email's "stop these emails" link still works when someone finally clicks it.
const UNSUBSCRIBE_LINK_DAYS = 365

export interface ModerationLink {
  commentId: string
  action: ModerationAction
  /**
   * The moderator the email went to, for the moderation log (links are per recipient). It is
   * readable in the link, which only that recipient's email carries.
   */
  to?: string
}

export function moderationLink(commentId: string, action: ModerationAction, {to, now}: {to?: string; now?: number} = {}): string {
  const token = signToken<ModerationLink>(
    {commentId, action, ...(to ? {to} : {})},
    {purpose: 'moderate', expiresIn: MODERATION_LINK_DAYS * DAY, ...(now === undefined ? {} : {now})},
  )
  return siteLink(`/moderate/${token}`)
}

export function checkModerationToken(token: string): TokenCheck<ModerationLink> {
  const check = verifyToken<ModerationLink>(token, 'moderate')
  if (check.ok && !MODERATION_ACTIONS.includes(check.data.action)) return {ok: false, reason: 'invalid'}
  return check
}

/**
 * What a "stop these emails" link stops: every email to the address that wrote a comment, or
 * to a follower (by its key, decision 0231), or only the follow-ups of one post it follows.
 */
export type UnsubscribeScope = {commentId: string} | {follower: string; postId?: string}

/** A "stop these emails" link; also the one-click List-Unsubscribe address (decision 0230). */
export function unsubscribeLink(scope: UnsubscribeScope): string {
  const token = signToken(scope, {purpose: 'unsubscribe', expiresIn: UNSUBSCRIBE_LINK_DAYS * DAY})
  return siteLink(`/unsubscribe/${token}`)
}

const isText = (value: unknown) => typeof value === 'string' && value !== ''

export function checkUnsubscribeToken(token: string): TokenCheck<UnsubscribeScope> {
  const check = verifyToken<Record<string, unknown>>(token, 'unsubscribe')
  if (!check.ok) return check
  const {commentId, follower, postId} = check.data
  if (isText(commentId)) return {ok: true, data: {commentId: commentId as string}}
  if (isText(follower) && (postId === undefined || isText(postId))) {
    return {ok: true, data: {follower: follower as string, ...(postId === undefined ? {} : {postId: postId as string})}}
  }
  return {ok: false, reason: 'invalid'}
}

/** How long a follow-up confirmation link works: an unconfirmed request is then forgotten (nothing was stored for it). */
export const FOLLOW_UP_CONFIRM_DAYS = 7

/** Confirms that the address wants follow-up comments on the post (decision 0231). */
export function followUpConfirmLink(email: string, postId: string): string {
  const token = signToken({email, postId}, {purpose: 'follow-up-confirm', expiresIn: FOLLOW_UP_CONFIRM_DAYS * DAY})
  return siteLink(`/follow-ups/${token}`)
}

export function checkFollowUpConfirmToken(token: string): TokenCheck<{email: string; postId: string}> {
  const check = verifyToken<Record<string, unknown>>(token, 'follow-up-confirm')
  if (!check.ok) return check
  const {email, postId} = check.data
  return isText(email) && isText(postId) ? {ok: true, data: {email: email as string, postId: postId as string}} : {ok: false, reason: 'invalid'}
}
