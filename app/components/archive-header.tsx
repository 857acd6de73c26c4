import {Link} from '@remix-run/react'
import type {ArchiveView} from '~/archives/archive-view.server'
import {SearchForm} from './search-form'

/**
 * An archive's heading as WordPress themes show it: the parent category as a breadcrumb link,
 * "Category: Anxiety" (or Tag:, Author:, a date), then the term's description when it has one.
 */
export function ArchiveHeader({archive, searchTerms}: {archive: ArchiveView & {heading: string}; searchTerms: string}) {
  return (
    <header className="archive-header">
      {archive.parent ? (
        <nav aria-label="Breadcrumb" className="archive-breadcrumb">
          <Link to={archive.parent.path}>{archive.parent.title}</Link>
        </nav>
      ) : null}
      <h1>{archive.heading}</h1>
      {archive.description ? <p className="archive-description">{archive.description}</p> : null}
      {archive.kind === 'search' ? <SearchForm terms={searchTerms} name="Search again" /> : null}
    </header>
  )
}
