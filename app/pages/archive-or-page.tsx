import type {LoaderFunctionArgs, MetaFunction} from '@remix-run/node'
import {useLoaderData} from '@remix-run/react'
import {ArchivePage, archiveMeta} from '~/archives/archive-page'
import {isPage, PageArticle, pageMeta} from './page-article'
import {pageOrMoved, type PageView} from './page.server'

/**
 * The date archives' routes (`/2013/`, `/2013/07/`, `/2013/07/25/`) also take WordPress's page
 * addresses (`/about/`, `/about/team/`…) and its other old addresses: where the archive has
 * nothing, a page there is shown, an old address moves on (301), and anything else is a 404.
 */
export function archiveOrPage<T>(loadArchive: (args: LoaderFunctionArgs) => Promise<T>) {
  return async (args: LoaderFunctionArgs): Promise<T | {page: PageView}> => {
    try {
      return await loadArchive(args)
    } catch (error) {
      if (!(error instanceof Response) || error.status !== 404) throw error
      return pageOrMoved(args.request)
    }
  }
}

export const archiveOrPageMeta: MetaFunction = (args) =>
  isPage(args.data) ? pageMeta(args as Parameters<typeof pageMeta>[0]) : archiveMeta(args as Parameters<typeof archiveMeta>[0])

export function ArchiveOrPage() {
  const data = useLoaderData<unknown>()
  return isPage(data) ? <PageArticle page={data.page} /> : <ArchivePage />
}
