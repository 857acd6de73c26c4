import type {ActionFunctionArgs} from '@remix-run/node'
import {AuthErrorPage, NoPage, postOnly} from '~/auth/auth-error-page'
import {logout} from '~/auth/login.server'

/** POST /auth/logout: the Log Out button in the comment form. */
export function action({request, context}: ActionFunctionArgs) {
  return logout(request, context.clientAddress)
}

export const loader = postOnly

export const ErrorBoundary = AuthErrorPage

export default NoPage
