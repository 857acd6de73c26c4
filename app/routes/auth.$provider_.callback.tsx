import type {LoaderFunctionArgs} from '@remix-run/node'
import {AuthErrorPage, NoPage} from '~/auth/auth-error-page'
import {finishLogin} from '~/auth/login.server'

/** GET /auth/<provider>/callback/: where the provider sends the reader back. */
export function loader({request, params}: LoaderFunctionArgs) {
  return finishLogin(request, params.provider)
}

export const ErrorBoundary = AuthErrorPage

export default NoPage
