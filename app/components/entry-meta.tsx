import {Link} from '@remix-run/react'
import {type TermLink, TermLinks} from './term-links'

/**
 * The line under a WordPress post: "This entry was posted in Sexual Health and tagged sex
 * therapy, surrogacy. Bookmark the permalink."
 */
export function EntryMeta({categories, tags, permalink}: {categories: TermLink[]; tags: TermLink[]; permalink: string}) {
  const inCategories =
    categories.length > 0 ? (
      <>
        {'posted in '}
        <TermLinks terms={categories} rel="category tag" />
      </>
    ) : null
  const tagged =
    tags.length > 0 ? (
      <>
        {'tagged '}
        <TermLinks terms={tags} rel="tag" />
      </>
    ) : null
  return (
    <p className="entry-meta">
      {inCategories || tagged ? (
        <>
          {'This entry was '}
          {inCategories}
          {inCategories && tagged ? ' and ' : null}
          {tagged}
          {'. '}
        </>
      ) : null}
      {'Bookmark the '}
      <Link to={permalink} rel="bookmark">
        permalink
      </Link>
      .
    </p>
  )
}
