import {createHash} from 'node:crypto'
import {findTreatmentRelationshipPhrases} from '../../../contract/safety/reply-guard'
import {sessionBinding} from '~/security/form-token.server'
import {signToken, verifyToken} from '~/security/signed-token.server'
import {normaliseBody, REPLY_GUARD_FIELD} from '../form-fields'

/**
 * Issue #13's reply guard: before a post author's reply is published, the words in it that
 * would tell readers the commenter is their client are shown to them, and they confirm. The
 * confirmation is a signed token naming this text and this session, so it confirms exactly
 * what the author read: change the text and the guard asks again.
 */

const PURPOSE = 'reply-guard'
// Long enough to reread a reply and think; the form asks again after that.
const LIFETIME_SECONDS = 60 * 60

interface Confirmation {
  /** A hash of the reply's text as the server counts it. */
  text: string
  sid: string
}

/** What the author is asked to confirm: the phrases found, and the token a confirmation sends back. */
export interface ReplyGuardQuestion {
  phrases: string[]
  token: string
}

const textHash = (body: string) => createHash('sha256').update(normaliseBody(body)).digest('base64url').slice(0, 22)

/**
 * Null when the reply may be published: it confirms no treatment relationship, or the author
 * confirmed this very text in this session. Otherwise the question to ask them.
 */
export function replyGuard(body: string, form: FormData, csrfSecret: string, now = Date.now()): ReplyGuardQuestion | null {
  const phrases = findTreatmentRelationshipPhrases(normaliseBody(body))
  if (phrases.length === 0) return null
  const expected: Confirmation = {text: textHash(body), sid: sessionBinding(csrfSecret)}
  const sent = form.get(REPLY_GUARD_FIELD)
  if (typeof sent === 'string') {
    const check = verifyToken<Confirmation>(sent, PURPOSE, {now})
    if (check.ok && check.data.text === expected.text && check.data.sid === expected.sid) return null
  }
  return {phrases, token: signToken(expected, {purpose: PURPOSE, expiresIn: LIFETIME_SECONDS, now})}
}
