import {safeLinkHref} from '~/lib/safe-link'
import {getSession} from '~/session/session.server'
import {configuredProviders} from './auth-config.server'
import {issueLogoutToken} from './login.server'
import type {ReaderIdentity} from '../../contract/identity'
import {PROVIDER_NAMES, type ProviderChoice, type SignedInReader} from './providers'

/**
 * What the comment form needs from social log-in, for the post page's loader and action.
 * Only the reader's own public details go to the page: never their account id or email.
 */
export interface SocialLoginView {
  providers: ProviderChoice[]
  reader: SignedInReader | null
}

/** The configured providers, in the form's order. */
export function providerChoices(): ProviderChoice[] {
  return configuredProviders().map(({id}) => ({id, name: PROVIDER_NAMES[id]}))
}

/** Who the reader is, if logged in with a provider: for the comment action. */
export async function getReaderIdentity(request: Request): Promise<ReaderIdentity | null> {
  return (await getSession(request)).get('identity') ?? null
}

/** For the comment form's loader: the icon row's providers and the logged-in reader, if any. */
export async function getSocialLogin(request: Request): Promise<SocialLoginView> {
  const session = await getSession(request)
  const identity = session.get('identity')
  const logoutToken = identity ? issueLogoutToken(session) : undefined
  // The provider's picture address is the provider's to choose: only a web address is shown.
  const avatarUrl = safeLinkHref(identity?.avatarUrl)
  return {
    providers: providerChoices(),
    reader:
      identity && logoutToken
        ? {
            provider: identity.provider,
            providerName: PROVIDER_NAMES[identity.provider],
            name: identity.name,
            ...(avatarUrl ? {avatarUrl} : {}),
            hasEmail: Boolean(identity.email),
            logoutToken,
          }
        : null,
  }
}
