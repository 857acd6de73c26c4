/**
 * The social log-in providers, in the order the comment form shows them. Safe for the
 * browser bundle: names only, no addresses or secrets (those are in auth-config.server.ts).
 */
export const PROVIDER_IDS = ['wordpress', 'x', 'facebook', 'google', 'github'] as const

export type ProviderId = (typeof PROVIDER_IDS)[number]

export const PROVIDER_NAMES: Record<ProviderId, string> = {
  wordpress: 'WordPress.com',
  x: 'X',
  facebook: 'Facebook',
  google: 'Google',
  github: 'GitHub',
}

/** Who the reader is at their provider; kept in the session, never the provider's tokens. */
export interface ReaderIdentity {
  provider: ProviderId
  accountId: string
  name: string
  avatarUrl?: string
  /** Only an address the provider says is verified. */
  email?: string
}

/** A log-in button in the comment form. */
export interface ProviderChoice {
  id: ProviderId
  name: string
}

export interface SignedInReader {
  provider: ProviderId
  providerName: string
  name: string
  avatarUrl?: string
  /** Whether the provider gave a verified address (if not, the form asks for one to notify). */
  hasEmail: boolean
  logoutToken: string
}
