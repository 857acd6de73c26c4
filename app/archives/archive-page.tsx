import type {MetaFunction} from '@remix-run/node'
import {useLoaderData} from '@remix-run/react'
import {ArchiveHeader} from '~/components/archive-header'
import {Pagination} from '~/components/pagination'
import {PostList} from '~/components/post-list'
import {pagedPath} from '~/lib/permalink'
import {seoMeta, siteFromMatches} from '~/lib/seo'
import type {ArchiveView} from '~/archives/archive-view.server'

interface ArchiveData {
  archive: ArchiveView
}

export function archivePagePath(archive: Pick<ArchiveView, 'kind' | 'basePath'>, page: number): string {
  if (archive.kind !== 'search') return pagedPath(archive.basePath, page)
  return page <= 1 ? archive.basePath : `${archive.basePath}&page=${page}`
}

export const archiveMeta: MetaFunction<() => Promise<ArchiveData>> = ({data, matches}) => {
  const site = siteFromMatches(matches)
  if (!data) return [{title: `Page not found | ${site.title}`}]
  const {archive} = data
  const title = archive.heading ?? site.title
  return seoMeta(site, {
    title: archive.page > 1 ? `${title} – Page ${archive.page}` : title,
    description: archive.description,
    path: archivePagePath(archive, archive.page),
    // Result pages are for the reader who searched, not for an index.
    noindex: archive.kind === 'search',
  })
}

export function ArchivePage() {
  const {archive} = useLoaderData<ArchiveData>()
  const searchTerms = archive.kind === 'search' ? (new URLSearchParams(archive.basePath.split('?')[1]).get('q') ?? '') : ''
  return (
    <>
      {archive.heading ? (
        <ArchiveHeader archive={{...archive, heading: archive.heading}} searchTerms={searchTerms} />
      ) : (
        <h1 className="visually-hidden">Latest posts{archive.page > 1 ? `, page ${archive.page}` : ''}</h1>
      )}
      {archive.posts.length === 0 ? (
        <p className="no-results">
          {archive.kind === 'search'
            ? searchTerms
              ? 'Sorry, but nothing matched your search terms. Please try again with some different keywords.'
              : 'Type a word or two to search the blog.'
            : archive.kind === 'home'
              ? 'No posts have been published yet.'
              : 'There are no posts here yet.'}
        </p>
      ) : (
        <PostList posts={archive.posts} />
      )}
      <Pagination page={archive.page} pageCount={archive.pageCount} pathFor={(page) => archivePagePath(archive, page)} />
    </>
  )
}
