import type {ActionFunctionArgs} from '@remix-run/node'
import {AuthErrorPage, NoPage, postOnly} from '~/auth/auth-error-page'
import {logout} from '~/auth/login.server'

/** POST /auth/logout: the Log Out button in the comment form. */
export function action({request}: ActionFunctionArgs) {
  return logout(request)
}

export const loader = postOnly

export const ErrorBoundary = AuthErrorPage

export default NoPage
