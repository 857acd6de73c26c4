import {siteUrl} from '~/feeds/feeds.server'

/** Everything may be crawled but search results and previews; the sitemap lists the rest. */
export function loader() {
  const body = ['User-agent: *', 'Disallow: /search/', 'Disallow: /preview/', '', `Sitemap: ${siteUrl()}/sitemap.xml`, ''].join('\n')
  return new Response(body, {headers: {'Content-Type': 'text/plain; charset=utf-8'}})
}
