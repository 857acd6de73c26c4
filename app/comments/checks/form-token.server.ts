import {createHash} from 'node:crypto'
import {signToken, verifyToken} from '~/security/signed-token.server'
import type {Check, Gate} from '../comment-pipeline.server'

/**
 * Every comment form carries a signed token saying when the form was served and, for a reader
 * with a session, to which session. It proves the form came from this site, binds a signed-in
 * reader's post to their own session (CSRF), and tells how long the form took to fill in.
 */
const PURPOSE = 'comment-form'
export const FORM_TOKEN_FIELD = 'formToken'
// Long enough for a page served from a cache and a reader who writes slowly.
const LIFETIME_SECONDS = 3 * 24 * 60 * 60

interface FormTokenData {
  /** When the form was served (ms). */
  iat: number
  /** A hash of the session's CSRF secret, when the reader had a session. */
  sid?: string
}

function sessionBinding(csrfSecret: string): string {
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

/**
 * Refuses forms not served by this site, and a signed-in reader's form not served to their
 * own session. Guests on a cached page have no session: the same-origin gate protects them.
 */
export function formTokenGate(session: {csrfSecret?: string; signedIn: boolean}): Gate {
  return {
    name: 'form-token',
    run: ({form, now}) => {
      const token = readFormToken(form, now.getTime())
      if (token === 'expired') {
        return {status: 400, message: 'This page was open for a long time, so the form has expired. Your comment is below: please press “Post Comment” again.'}
      }
      const boundElsewhere = token?.sid !== undefined && token.sid !== (session.csrfSecret && sessionBinding(session.csrfSecret))
      const unbound = session.signedIn && token?.sid === undefined
      if (!token || boundElsewhere || unbound) {
        return {status: 403, message: 'This form could not be verified, so your comment was not posted. Your comment is below: please press “Post Comment” again.'}
      }
      return null
    },
  }
}

/** Holds comments sent sooner after the form was served than a person could write one. */
export function fillTimeCheck(minimumSeconds: number): Check {
  return {
    name: 'fill-time',
    run: ({form, now}) => {
      const token = readFormToken(form, now.getTime())
      if (!token || token === 'expired') return null
      const seconds = (now.getTime() - token.iat) / 1000
      return seconds < minimumSeconds
        ? {outcome: 'hold', reason: `Sent ${seconds.toFixed(1)} s after the form was shown (faster than a person types).`}
        : null
    },
  }
}
