import {readFormToken, sessionBinding} from '~/security/form-token.server'
import type {Check, Gate} from '../comment-pipeline.server'

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
        return {
          status: 403,
          message: 'This form could not be verified, so your comment was not posted. Your comment is below: please press “Post Comment” again.',
        }
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
      return seconds < minimumSeconds ? {outcome: 'hold', reason: `Sent ${seconds.toFixed(1)} s after the form was shown (faster than a person types).`} : null
    },
  }
}
