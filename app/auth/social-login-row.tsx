import {useLocation} from '@remix-run/react'
import {ProviderIcon} from './provider-icon'
import type {ProviderChoice} from './providers'

/**
 * The row of small brand icons that logs a reader in, as WordPress.com's comment form had it.
 * Goes INSIDE the comment form: each icon is a submit button whose formAction is the
 * provider's log-in route, so the comment typed so far travels with it (with or without
 * JavaScript) and is back in the form after the provider's round-trip. formNoValidate lets a
 * half-written form through.
 */
export function SocialLoginRow({
  providers,
  intro = 'Fill in your details below or click an icon to log in:',
  returnTo,
}: {
  providers: ProviderChoice[]
  intro?: string
  /** Where to come back to; the current page by default. */
  returnTo?: string
}) {
  const here = useReturnTo(returnTo)
  if (providers.length === 0) return null
  return (
    <div className="social-login">
      <p className="social-login-intro">{intro}</p>
      <input type="hidden" name="returnTo" value={here} />
      <ul className="social-login-row">
        {providers.map((provider) => (
          <li key={provider.id}>
            <button
              type="submit"
              name="intent"
              value={`login-${provider.id}`}
              formAction={`/auth/${provider.id}`}
              formMethod="post"
              formNoValidate
              className={`social-login-button social-login-${provider.id}`}
              aria-label={`Log in with ${provider.name}`}
              title={`Log in with ${provider.name}`}
            >
              <ProviderIcon provider={provider.id} />
            </button>
          </li>
        ))}
      </ul>
      <p className="social-login-privacy">Logging in shows that account’s name with your comment (you can change it). Your email and picture stay private.</p>
    </div>
  )
}

/**
 * Back to the comment form on this page, unless told otherwise: `#respond` is the form's
 * anchor, as on WordPress.
 */
export function useReturnTo(returnTo?: string): string {
  const location = useLocation()
  return returnTo ?? `${location.pathname}${location.search}#respond`
}
