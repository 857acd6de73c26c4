import {Link} from '@remix-run/react'

/** Numbered pages with "Newer posts" and "Older posts" either side, as WordPress pages a blog. */
export function Pagination({page, pageCount, pathFor}: {page: number; pageCount: number; pathFor: (page: number) => string}) {
  if (pageCount <= 1) return null
  const pages = Array.from({length: pageCount}, (_, index) => index + 1).filter(
    // The first, the last and two either side of the current one; gaps become an ellipsis.
    (n) => n === 1 || n === pageCount || Math.abs(n - page) <= 2,
  )
  return (
    <nav className="pagination" aria-label="Pages of posts">
      {page > 1 ? (
        <Link to={pathFor(page - 1)} rel="prev" className="pagination-newer">
          <span aria-hidden="true">← </span>Newer posts
        </Link>
      ) : null}
      <ol>
        {pages.map((n, index) => (
          <li key={n}>
            {index > 0 && n - pages[index - 1]! > 1 ? <span aria-hidden="true">… </span> : null}
            {n === page ? (
              <span aria-current="page">
                <span className="visually-hidden">Page </span>
                {n}
              </span>
            ) : (
              <Link to={pathFor(n)}>
                <span className="visually-hidden">Page </span>
                {n}
              </Link>
            )}
          </li>
        ))}
      </ol>
      {page < pageCount ? (
        <Link to={pathFor(page + 1)} rel="next" className="pagination-older">
          Older posts<span aria-hidden="true"> →</span>
        </Link>
      ) : null}
    </nav>
  )
}
