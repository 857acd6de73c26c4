import {createHash} from 'node:crypto'
import {signToken, verifyToken} from './signed-token.server'

/**
 * Every comment form (and a moderator's buttons beside it) carries a signed token saying when
 * the form was served and, for a reader with a session, to which session. It proves the form
 * came from this site, binds a signed-in reader's post to their own session (CSRF), and tells
 * how long the form took to fill in.
 */
const PURPOSE = 'comment-form'
export const FORM_TOKEN_FIELD = 'formToken'
// Long enough for a page served from a cache and a reader who writes slowly.
const LIFETIME_SECONDS = 3 * 24 * 60 * 60

export interface FormTokenData {
  /** When the form was served (ms). */
  iat: number
  /** A hash of the session's CSRF secret, when the reader had a session. */
  sid?: string
}

export function sessionBinding(csrfSecret: string): string {
  return createHash('sha256').update(csrfSecret).digest('base64url').slice(0, 22)
}

export function issueFormToken(csrfSecret: string | undefined, now = Date.now()): string {
  const data: FormTokenData = {iat: now, ...(csrfSecret ? {sid: sessionBinding(csrfSecret)} : {})}
  return signToken(data, {purpose: PURPOSE, expiresIn: LIFETIME_SECONDS, now})
}

export function readFormToken(form: FormData, now: number): FormTokenData | 'expired' | null {
  const token = form.get(FORM_TOKEN_FIELD)
  if (typeof token !== 'string') return null
  const result = verifyToken<FormTokenData>(token, PURPOSE, {now})
  if (!result.ok) return result.reason === 'expired' ? 'expired' : null
  return result.data
}

/**
 * Whether the form's token was served to this very session: what a signed-in reader's other
 * forms on the post page (a moderator's buttons) must carry.
 */
export function formTokenIsForSession(form: FormData, csrfSecret: string | undefined, now: number): boolean {
  const token = readFormToken(form, now)
  return Boolean(csrfSecret && token && token !== 'expired' && token.sid === sessionBinding(csrfSecret))
}
