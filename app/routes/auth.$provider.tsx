import type {ActionFunctionArgs} from '@remix-run/node'
import {AuthErrorPage, NoPage, postOnly} from '~/auth/auth-error-page'
import {startLogin} from '~/auth/login.server'

/** POST /auth/<provider>: a log-in icon in the comment form; keeps the draft, goes to the provider. */
export function action({request, params, context}: ActionFunctionArgs) {
  return startLogin(request, params.provider, context.clientAddress)
}

export const loader = postOnly

export const ErrorBoundary = AuthErrorPage

export default NoPage
