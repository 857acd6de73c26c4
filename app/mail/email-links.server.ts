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

/** Stops reply and approval emails to the address that wrote `commentId`. */
export function unsubscribeLink(commentId: string): string {
  const token = signToken({commentId}, {purpose: 'unsubscribe', expiresIn: UNSUBSCRIBE_LINK_DAYS * DAY})
  return siteLink(`/unsubscribe/${token}`)
}

export function checkUnsubscribeToken(token: string): TokenCheck<{commentId: string}> {
  return verifyToken<{commentId: string}>(token, 'unsubscribe')
}
