import {useState} from 'react'
import type {ProviderChoice, SignedInReader} from './providers'
import {SocialLoginRow, useReturnTo} from './social-login-row'

const CHANGE_ID = 'change-login'

/**
 * "You are commenting using your Google account. ( Log Out / Change )", with the reader's
 * name and avatar from the provider. Goes INSIDE the comment form, in place of the guest
 * fields. Log Out is a submit button posting the form to /auth/logout with a token bound to
 * this session (a form can't be nested in the comment form; the comment typed so far is kept
 * too). Change shows the icon row again: a link to it, shown by CSS `:target` without
 * JavaScript and by state with it.
 */
export function CommentingAs({identity, providers, returnTo}: {identity: SignedInReader; providers: ProviderChoice[]; returnTo?: string}) {
  const [changing, setChanging] = useState(false)
  const here = useReturnTo(returnTo)
  const others = providers.filter((provider) => provider.id !== identity.provider)
  return (
    <div className="commenting-as">
      {identity.avatarUrl ? <img className="commenting-as-avatar" src={identity.avatarUrl} alt="" width={48} height={48} referrerPolicy="no-referrer" /> : null}
      <div className="commenting-as-text">
        <p className="commenting-as-name">{identity.name}</p>
        <p className="commenting-as-account">
          You are commenting using your {identity.providerName} account.{' '}
          <span className="commenting-as-actions">
            ({' '}
            <button
              type="submit"
              name="logoutToken"
              value={identity.logoutToken}
              formAction="/auth/logout"
              formMethod="post"
              formNoValidate
              className="link-button"
            >
              Log Out
            </button>{' '}
            /{' '}
            <a
              href={`#${CHANGE_ID}`}
              aria-controls={CHANGE_ID}
              aria-expanded={changing}
              onClick={(event) => {
                event.preventDefault()
                setChanging((open) => !open)
              }}
            >
              Change
            </a>{' '}
            )
          </span>
        </p>
        <input type="hidden" name="returnTo" value={here} />
      </div>
      {others.length > 0 ? (
        <div id={CHANGE_ID} className={changing ? 'change-login is-open' : 'change-login'}>
          <SocialLoginRow providers={others} intro="Log in with another account:" returnTo={here} />
        </div>
      ) : null}
    </div>
  )
}
