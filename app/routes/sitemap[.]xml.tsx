import {getSitemapIndex} from '~/feeds/sitemaps.server'
import {renderSitemapIndex} from '~/feeds/sitemap'

/** The sitemap index robots.txt names: the archives' sitemap and one per slice of posts. */
export async function loader() {
  return new Response(renderSitemapIndex(await getSitemapIndex()), {
    headers: {'Content-Type': 'application/xml; charset=utf-8'},
  })
}
