import {z} from 'zod'
import {authorPath, categoryPath, postPath, tagPath} from '~/lib/permalink'
import {readSitemapArchives, readSitemapPostCount, readSitemapPosts} from '~/sanity/content.server'
import {TimeZone} from '~/sanity/site-settings.server'
import {siteUrl} from './feeds.server'
import type {SitemapEntry} from './sitemap'

/**
 * The sitemaps, split as WordPress's own are (an index naming one sitemap per slice of posts,
 * and one for the archives), so that no answer grows with the blog: each is one bounded query.
 */

/** Posts per posts sitemap (the protocol allows 50,000; small enough to answer quickly). */
export const POSTS_PER_SITEMAP = 1000

export const postsSitemapPath = (page: number) => `/sitemap/posts-${page}.xml`
export const ARCHIVES_SITEMAP_PATH = '/sitemap/archives.xml'

/** The sitemaps the index names: the archives, then the posts' (at least one, even when empty). */
export async function getSitemapIndex(): Promise<string[]> {
  const pages = Math.max(1, Math.ceil((await readSitemapPostCount()) / POSTS_PER_SITEMAP))
  const base = siteUrl()
  return [`${base}${ARCHIVES_SITEMAP_PATH}`, ...Array.from({length: pages}, (_, index) => `${base}${postsSitemapPath(index + 1)}`)]
}

const SitemapPosts = z.object({
  timeZone: TimeZone,
  posts: z.array(z.object({slug: z.string(), publishedAt: z.string(), _updatedAt: z.string().nullish()})),
})

/** Posts sitemap `page` (from 1): its posts' addresses, oldest first; null past the last one. */
export async function getPostsSitemap(page: number): Promise<SitemapEntry[] | null> {
  const start = (page - 1) * POSTS_PER_SITEMAP
  const {timeZone, posts} = SitemapPosts.parse(await readSitemapPosts(start, start + POSTS_PER_SITEMAP))
  if (posts.length === 0 && page > 1) return null
  const base = siteUrl()
  return posts.map((post) => ({loc: `${base}${postPath(post, timeZone)}`, lastmod: post._updatedAt ?? post.publishedAt}))
}

const SitemapArchives = z.object({
  newest: z.object({_updatedAt: z.string()}).nullish(),
  categories: z.array(z.object({slug: z.string()})),
  authors: z.array(z.object({slug: z.string()})),
  tags: z.array(z.string().nullable()),
})

/** The home page, and the category, tag and author archives that list posts. */
export async function getArchivesSitemap(): Promise<SitemapEntry[]> {
  const {newest, categories, authors, tags} = SitemapArchives.parse(await readSitemapArchives())
  const base = siteUrl()
  return [
    {loc: `${base}/`, lastmod: newest?._updatedAt ?? null},
    ...categories.map((category) => ({loc: `${base}${categoryPath(category.slug)}`})),
    ...tags.flatMap((tag) => (tag ? [{loc: `${base}${tagPath(tag)}`}] : [])),
    ...authors.map((author) => ({loc: `${base}${authorPath(author.slug)}`})),
  ]
}
