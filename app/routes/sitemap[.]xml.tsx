import {getSitemapEntries} from '~/feeds/feeds.server'
import {renderSitemap} from '~/feeds/sitemap'

export async function loader() {
  return new Response(renderSitemap(await getSitemapEntries()), {
    headers: {'Content-Type': 'application/xml; charset=utf-8'},
  })
}
