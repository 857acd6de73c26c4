import {PROVIDER_IDS, type ProviderId} from '../../contract/identity'

/**
 * The social log-in providers (the content contract's, in the order the comment form shows
 * them) with the names readers see. Safe for the browser bundle: names only, no addresses or
 * secrets (those are in auth-config.server.ts).
 */
export {PROVIDER_IDS, type ProviderId}

export const PROVIDER_NAMES: Record<ProviderId, string> = {
  wordpress: 'WordPress.com',
  x: 'X',
  facebook: 'Facebook',
  google: 'Google',
  github: 'GitHub',
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
