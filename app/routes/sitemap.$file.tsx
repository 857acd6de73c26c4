import type {LoaderFunctionArgs} from '@remix-run/node'
import {renderSitemap} from '~/feeds/sitemap'
import {getArchivesSitemap, getPostsSitemap} from '~/feeds/sitemaps.server'

const notFound = () => new Response('Not Found', {status: 404, headers: {'Content-Type': 'text/plain; charset=utf-8'}})

/** A sitemap the index names: `/sitemap/archives.xml` or `/sitemap/posts-<n>.xml`. */
export async function loader({params}: LoaderFunctionArgs) {
  const file = params.file ?? ''
  const posts = /^posts-([1-9]\d{0,5})\.xml$/.exec(file)
  const entries = posts ? await getPostsSitemap(Number(posts[1])) : file === 'archives.xml' ? await getArchivesSitemap() : null
  if (!entries) return notFound()
  return new Response(renderSitemap(entries), {headers: {'Content-Type': 'application/xml; charset=utf-8'}})
}
