import {NEEDS_CARE, PERSONAL_DETAILS} from '../../contract/comments'

/** A comment as the care actions read it; `email` is on the comment itself (its private half). */
export interface CareComment {
  status?: unknown
  spamReason?: unknown
  authorName?: unknown
  email?: unknown
  body?: unknown
}

const reasonStartsWith = (comment: CareComment | null | undefined, marker: string) =>
  comment?.status === 'pending' && typeof comment.spamReason === 'string' && comment.spamReason.startsWith(marker)

/** Held because it may come from a reader in crisis: the care replies are offered. */
export const needsCare = (comment: CareComment | null | undefined) => reasonStartsWith(comment, NEEDS_CARE)

/** Held because it identifies or discloses someone's health: the care replies and redaction are offered. */
export const heldForPersonalDetails = (comment: CareComment | null | undefined) => reasonStartsWith(comment, PERSONAL_DETAILS)

/** A pending comment's text can be redacted before it is approved; once public it is too late to matter here. */
export const isRedactable = (comment: CareComment | null | undefined) => comment?.status === 'pending' && typeof comment.body === 'string'

/** The commenter's address, if the comment carries one that looks like an address. */
export function commenterEmail(comment: CareComment | null | undefined): string | null {
  const email = typeof comment?.email === 'string' ? comment.email.trim() : ''
  return /^[^\s@]+@[^\s@]+$/.test(email) ? email : null
}

/** "Email privately": the moderator's own mail program, addressed to the commenter, the reply as its text. */
export function privateEmailLink(email: string, body: string): string {
  const query = new URLSearchParams({subject: 'About your comment on our blog', body}).toString().replace(/\+/g, '%20')
  return `mailto:${encodeURIComponent(email).replace(/%40/g, '@')}?${query}`
}
