import {Link} from '@remix-run/react'

interface Neighbour {
  title: string
  path: string
}

/** Older and newer posts, as WordPress's "Post navigation" links them. */
export function PostNavigation({previous, next}: {previous: Neighbour | null; next: Neighbour | null}) {
  if (!previous && !next) return null
  return (
    <nav className="post-navigation" aria-label="Post navigation">
      {previous ? (
        <p className="nav-previous">
          <span className="nav-label">Previous post</span>
          <Link to={previous.path} rel="prev">
            <span aria-hidden="true">← </span>
            {previous.title}
          </Link>
        </p>
      ) : null}
      {next ? (
        <p className="nav-next">
          <span className="nav-label">Next post</span>
          <Link to={next.path} rel="next">
            {next.title}
            <span aria-hidden="true"> →</span>
          </Link>
        </p>
      ) : null}
    </nav>
  )
}
