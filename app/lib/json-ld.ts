import {absoluteUrl, type SiteInfo} from './seo'

export interface BlogPostingInput {
  title: string
  path: string
  description: string
  publishedAt: string
  updatedAt: string
  author: {name: string; path: string | null; credentials: string | null} | null
  image: string | null
  categories: {title: string}[]
  tags: {title: string}[]
}

/** schema.org `BlogPosting` for a post, its author a `Person`, as search engines read it. */
export function blogPostingJsonLd(site: SiteInfo, post: BlogPostingInput): Record<string, unknown> {
  const url = absoluteUrl(site, post.path)
  return {
    '@context': 'https://schema.org',
    '@type': 'BlogPosting',
    '@id': `${url}#post`,
    mainEntityOfPage: url,
    url,
    headline: post.title,
    description: post.description,
    datePublished: post.publishedAt,
    dateModified: post.updatedAt,
    inLanguage: 'en-US',
    ...(post.image ? {image: post.image} : {}),
    ...(post.author
      ? {
          author: {
            '@type': 'Person',
            name: post.author.name,
            ...(post.author.credentials ? {honorificSuffix: post.author.credentials} : {}),
            ...(post.author.path ? {url: absoluteUrl(site, post.author.path)} : {}),
          },
        }
      : {}),
    ...(post.categories.length > 0 ? {articleSection: post.categories.map((category) => category.title)} : {}),
    ...(post.tags.length > 0 ? {keywords: post.tags.map((tag) => tag.title).join(', ')} : {}),
    isPartOf: {'@type': 'Blog', name: site.title, url: absoluteUrl(site, '/')},
  }
}
