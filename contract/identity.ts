/**
 * Who wrote a comment, and who may moderate: the social log-in providers (in the order the
 * comment form shows them), a guest, and a moderator known by a verified email address.
 */
export const PROVIDER_IDS = ['wordpress', 'x', 'facebook', 'google', 'github'] as const
export type ProviderId = (typeof PROVIDER_IDS)[number]

/** A comment's `provider`: a guest typed a name and email; the others signed in. */
export const COMMENT_PROVIDERS = ['guest', ...PROVIDER_IDS] as const

/** How Site settings names a moderator: an account at a provider, or a verified email. */
export const MODERATOR_KINDS = [...PROVIDER_IDS, 'email'] as const

/** Who the reader is at their provider; kept in the session, never the provider's tokens. */
export interface ReaderIdentity {
  provider: ProviderId
  accountId: string
  name: string
  avatarUrl?: string
  /** Only an address the provider says is verified. */
  email?: string
}
