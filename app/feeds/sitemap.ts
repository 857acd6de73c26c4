import {element} from '~/lib/xml'

export interface SitemapEntry {
  loc: string
  lastmod?: string | null
}

/** The sitemaps.org protocol: one <url> per page worth indexing. */
export function renderSitemap(entries: SitemapEntry[]): string {
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    ...entries.map((entry) => `<url>${element('loc', entry.loc)}${element('lastmod', entry.lastmod)}</url>`),
    '</urlset>',
    '',
  ].join('\n')
}
