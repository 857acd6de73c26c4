import {isRouteErrorResponse, Link, useRouteError} from '@remix-run/react'

/**
 * What a reader sees when a log-in or log-out is refused or fails: the server's one-sentence
 * reason (LoginError), never internals, and a way back.
 */
export function AuthErrorPage() {
  const error = useRouteError()
  const message =
    isRouteErrorResponse(error) && typeof error.data === 'string' && error.data ? error.data : 'Logging in did not work just now. Please go back and try again.'
  return (
    <article className="error-page">
      <h1>Log-in problem</h1>
      <p>{message}</p>
      <p>
        <Link to="/">Go to the latest posts</Link>
      </p>
    </article>
  )
}

/**
 * The auth routes never render a page of their own (they redirect or refuse), but a UI route
 * gets its refusals rendered by the ErrorBoundary in the site's layout, where a resource
 * route would answer with bare text.
 */
export function NoPage(): null {
  return null
}

/** GET on a POST-only address (a bookmarked or typed log-in link). */
export function postOnly(): never {
  throw new Response('Use the buttons in the comment form to log in or out.', {status: 405, headers: {Allow: 'POST'}})
}
