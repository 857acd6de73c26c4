import {Link} from '@remix-run/react'
import {Fragment} from 'react'

export interface TermLink {
  title: string
  path: string | null
}

/** "A, B and C" as links, the way WordPress writes a post's categories and tags. */
export function TermLinks({terms, rel}: {terms: TermLink[]; rel?: string}) {
  return (
    <>
      {terms.map((term, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: two terms may share a title; the list never reorders
        <Fragment key={`${term.title}-${index}`}>
          {index > 0 ? ', ' : null}
          {term.path ? (
            <Link to={term.path} rel={rel}>
              {term.title}
            </Link>
          ) : (
            term.title
          )}
        </Fragment>
      ))}
    </>
  )
}
