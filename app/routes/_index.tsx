import type {LoaderFunctionArgs} from '@remix-run/node'
import {redirect} from '@remix-run/node'
import {loadHomeArchive} from '~/archives/archive-loaders.server'
import {ArchivePage, archiveMeta as meta} from '~/archives/archive-page'
import {findLegacyPath} from '~/sanity/content.server'

// WordPress's plain addresses by number: a post, a page, an attachment's page (its post's).
const BY_NUMBER = ['p', 'page_id', 'attachment_id']

/**
 * The home page, and WordPress's query-string addresses that old links still use:
 * `/?p=123` (a post by number), `/?page_id=7`, `/?attachment_id=9`, `/?feed=rss2` and
 * `/?s=words` (a search).
 */
export async function loader(args: LoaderFunctionArgs) {
  const url = new URL(args.request.url)
  for (const name of BY_NUMBER) {
    const number = url.searchParams.get(name)
    if (number === null) continue
    const moved = /^\d{1,12}$/.test(number) ? await findLegacyPath(`/?${name}=${number}`) : null
    if (moved) throw redirect(moved, 301)
    throw new Response(null, {status: 404, statusText: 'Not Found'})
  }
  const feed = url.searchParams.get('feed')
  if (feed !== null) {
    if (['rss2', 'rss', 'rdf', ''].includes(feed)) throw redirect('/feed/', 301)
    if (feed === 'atom') throw redirect('/feed/atom/', 301)
    throw new Response(null, {status: 404, statusText: 'Not Found'})
  }
  const search = url.searchParams.get('s')
  if (search !== null) throw redirect(`/search/?q=${encodeURIComponent(search)}`, 301)
  return loadHomeArchive(args)
}

export {meta}
export default ArchivePage
