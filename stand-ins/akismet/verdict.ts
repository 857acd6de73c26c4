/**
 * How the stand-in judges a comment-check: Akismet's documented test values first, then two
 * stand-in conventions for what Akismet documents no trigger for ("discard", recheck-after).
 */

export interface Verdict {
  spam: boolean
  /** `X-akismet-pro-tip: discard`: blatant spam, safe to drop unseen. */
  discard?: boolean
  /** `X-akismet-recheck-after` seconds: a provisional "not spam" while checks are pending. */
  recheckAfter?: number
}

export const GUARANTEED_SPAM_AUTHORS = ['akismet-guaranteed-spam', 'viagra-test-123']
export const GUARANTEED_SPAM_EMAIL = 'akismet-guaranteed-spam@example.com'
/** Put in a comment's text to get "spam" with `X-akismet-pro-tip: discard`. */
export const DISCARD_MARKER = 'akismet-standin-discard'
/** Put in a comment's text to get "not spam" with `X-akismet-recheck-after: 120`. */
export const RECHECK_MARKER = 'akismet-standin-recheck'

export function commentCheckVerdict(params: Record<string, string>): Verdict {
  // Akismet: an administrator's comment is never spam, whatever else it carries.
  if (params.user_role === 'administrator') return {spam: false}
  if (GUARANTEED_SPAM_AUTHORS.includes(params.comment_author ?? '')) return {spam: true}
  if (params.comment_author_email === GUARANTEED_SPAM_EMAIL) return {spam: true}
  // A filled-in honeypot is what a bot does; people never see the field.
  const honeypot = params.honeypot_field_name
  if (honeypot && params[honeypot]) return {spam: true, discard: true}
  const content = params.comment_content ?? ''
  if (content.includes(DISCARD_MARKER)) return {spam: true, discard: true}
  if (content.includes(RECHECK_MARKER)) return {spam: false, recheckAfter: 120}
  return {spam: false}
}
