import type {MetaDescriptor} from '@remix-run/react'

/** What the root loader tells every page's `meta` about the blog. */
export interface SiteInfo {
  title: string
  tagline?: string | null
  /** The public address, without a trailing slash: canonical links and feeds are absolute. */
  url: string
}

export interface PageSeo {
  title: string
  description?: string | null
  /** The page's canonical path, e.g. `/2013/07/25/slug/`. */
  path: string
  type?: 'website' | 'article'
  image?: {url: string; width?: number; height?: number; alt?: string | null} | null
  publishedTime?: string
  modifiedTime?: string
  /** Search results and previews: useful to readers, noise in a search engine's index. */
  noindex?: boolean
  jsonLd?: Record<string, unknown>
}

const FALLBACK_SITE: SiteInfo = {title: 'Life in Balance', url: ''}

/** The root route's data, as `meta` functions receive it through `matches`. */
export function siteFromMatches(matches: {id: string; data?: unknown}[]): SiteInfo {
  const root = matches.find((match) => match.id === 'root')?.data as {site?: SiteInfo} | undefined
  return root?.site ?? FALLBACK_SITE
}

export function absoluteUrl(site: SiteInfo, path: string): string {
  return new URL(path, `${site.url}/`).href
}

/** Title, description, canonical link, Open Graph and Twitter card tags (and JSON-LD) for a page. */
export function seoMeta(site: SiteInfo, page: PageSeo): MetaDescriptor[] {
  const url = absoluteUrl(site, page.path)
  const title = page.title === site.title ? site.title : `${page.title} | ${site.title}`
  const description = page.description ?? site.tagline ?? undefined
  const tags: MetaDescriptor[] = [
    {title},
    {tagName: 'link', rel: 'canonical', href: url},
    {property: 'og:site_name', content: site.title},
    {property: 'og:type', content: page.type ?? 'website'},
    {property: 'og:title', content: page.title},
    {property: 'og:url', content: url},
    {property: 'og:locale', content: 'en_US'},
    {name: 'twitter:card', content: page.image ? 'summary_large_image' : 'summary'},
    {name: 'twitter:title', content: page.title},
  ]
  if (description) {
    tags.push(
      {name: 'description', content: description},
      {property: 'og:description', content: description},
      {name: 'twitter:description', content: description},
    )
  }
  if (page.image) {
    tags.push({property: 'og:image', content: page.image.url}, {name: 'twitter:image', content: page.image.url})
    if (page.image.width) tags.push({property: 'og:image:width', content: String(page.image.width)})
    if (page.image.height) tags.push({property: 'og:image:height', content: String(page.image.height)})
    if (page.image.alt) {
      tags.push({property: 'og:image:alt', content: page.image.alt}, {name: 'twitter:image:alt', content: page.image.alt})
    }
  }
  if (page.publishedTime) tags.push({property: 'article:published_time', content: page.publishedTime})
  if (page.modifiedTime) tags.push({property: 'article:modified_time', content: page.modifiedTime})
  if (page.noindex) tags.push({name: 'robots', content: 'noindex, follow'})
  if (page.jsonLd) tags.push({'script:ld+json': page.jsonLd})
  return tags
}
