import type {LoaderFunctionArgs} from '@remix-run/node'
import {redirect} from '@remix-run/node'
import {loadHomeArchive} from '~/archives/archive-loaders.server'
import {ArchivePage, archiveMeta as meta} from '~/archives/archive-page'
import {findLegacyPostPath} from '~/sanity/content.server'

/**
 * The home page, and WordPress's query-string addresses that old links still use:
 * `/?p=123` (a post by number) and `/?s=words` (a search).
 */
export async function loader(args: LoaderFunctionArgs) {
  const url = new URL(args.request.url)
  const postNumber = url.searchParams.get('p')
  if (postNumber !== null) {
    const moved = /^\d{1,12}$/.test(postNumber) ? await findLegacyPostPath(`/?p=${postNumber}`) : null
    if (moved) throw redirect(moved, 301)
    throw new Response(null, {status: 404, statusText: 'Not Found'})
  }
  const search = url.searchParams.get('s')
  if (search !== null) throw redirect(`/search/?q=${encodeURIComponent(search)}`, 301)
  return loadHomeArchive(args)
}

export {meta}
export default ArchivePage
