import {isRouteErrorResponse, Link} from '@remix-run/react'

/** What a reader sees when a page can't be shown: never a stack trace (details stay in the server log). */
export function ErrorPage({error}: {error: unknown}) {
  if (isRouteErrorResponse(error) && error.status === 503) {
    return (
      <article className="error-page">
        <h1>Back in a moment</h1>
        <p>The blog is taking a short break and will be back shortly. Please try again in a minute.</p>
      </article>
    )
  }
  if (isRouteErrorResponse(error) && error.status === 404) {
    return (
      <article className="error-page">
        <h1>Page not found</h1>
        <p>There is nothing at this address. It may have moved, or the link may be mistyped.</p>
        <p>
          <Link to="/">Go to the latest posts</Link>
        </p>
      </article>
    )
  }
  return (
    <article className="error-page">
      <h1>Something went wrong</h1>
      <p>This page could not be shown just now. Please try again in a moment.</p>
      <p>
        <Link to="/">Go to the latest posts</Link>
      </p>
    </article>
  )
}
