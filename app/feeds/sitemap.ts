import {element} from '~/lib/xml'

export interface SitemapEntry {
  loc: string
  lastmod?: string | null
}

const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>'
const NAMESPACE = 'http://www.sitemaps.org/schemas/sitemap/0.9'

/** The sitemaps.org protocol: one <url> per page worth indexing. */
export function renderSitemap(entries: SitemapEntry[]): string {
  return [
    XML_DECLARATION,
    `<urlset xmlns="${NAMESPACE}">`,
    ...entries.map((entry) => `<url>${element('loc', entry.loc)}${element('lastmod', entry.lastmod)}</url>`),
    '</urlset>',
    '',
  ].join('\n')
}

/** A sitemap index: the sitemaps themselves, which search engines then read one by one. */
export function renderSitemapIndex(locs: string[]): string {
  return [
    XML_DECLARATION,
    `<sitemapindex xmlns="${NAMESPACE}">`,
    ...locs.map((loc) => `<sitemap>${element('loc', loc)}</sitemap>`),
    '</sitemapindex>',
    '',
  ].join('\n')
}
