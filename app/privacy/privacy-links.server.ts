import {siteLink} from '~/lib/site-link.server'
import {seal, unseal} from '~/security/sealed.server'
import {signToken, verifyToken, type TokenCheck} from '~/security/signed-token.server'

/**
 * The link a commenter gets to export or erase their comments: signed, good for 24 hours.
 * A signed token's payload is readable, so the address inside is sealed: a link that ends up
 * in a log or a browser history does not reveal whose it is.
 */
export const PRIVACY_LINK_HOURS = 24

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase()
}

export function privacyLink(email: string, now?: number): string {
  const token = signToken({e: seal(normaliseEmail(email))}, {purpose: 'privacy', expiresIn: PRIVACY_LINK_HOURS * 60 * 60, ...(now === undefined ? {} : {now})})
  return siteLink(`/privacy/comments/${token}`)
}

export function checkPrivacyToken(token: string): TokenCheck<{email: string}> {
  const check = verifyToken<{e: string}>(token, 'privacy')
  if (!check.ok) return check
  const email = unseal<string>(check.data.e)
  return email ? {ok: true, data: {email}} : {ok: false, reason: 'invalid'}
}
