import {z} from 'zod'
import {excerpt} from '~/lib/excerpt'
import {getPublicClient} from './client.server'
import {POST_BY_SLUG_QUERY, RECENT_POSTS_QUERY, SITE_SETTINGS_QUERY} from './queries'

// Content is checked at the boundary: a document an editor left half-filled becomes a clear
// error here instead of a broken page further down.

const DEFAULT_TIME_ZONE = 'America/New_York'

const SiteSettings = z.object({
  title: z.string().default('Blog'),
  tagline: z.string().nullish(),
  practiceName: z.string().nullish(),
  practiceLocation: z.string().nullish(),
  timeZone: z.string().default(DEFAULT_TIME_ZONE),
})
export type SiteSettings = z.infer<typeof SiteSettings>

const PostSummary = z.object({
  _id: z.string(),
  title: z.string(),
  slug: z.string(),
  publishedAt: z.string(),
  excerpt: z
    .string()
    .nullish()
    .transform((text) => excerpt(text ?? '')),
})
export type PostSummary = z.infer<typeof PostSummary>

// Portable Text is rendered by @portabletext/react, which tolerates unknown block types.
const PortableTextBlocks = z.array(z.looseObject({_type: z.string(), _key: z.string().optional()}))

const Post = PostSummary.extend({
  body: PortableTextBlocks.nullish().transform((blocks) => blocks ?? []),
  author: z
    .object({name: z.string(), credentials: z.string().nullish(), bio: z.string().nullish()})
    .nullish(),
  categories: z
    .array(z.object({title: z.string(), slug: z.string().nullish()}).nullable())
    .nullish()
    .transform((items) => (items ?? []).filter((item) => item !== null)),
})
export type Post = z.infer<typeof Post>

const timeZone = z.string().nullish().transform((zone) => zone ?? DEFAULT_TIME_ZONE)

export async function getSiteSettings(): Promise<SiteSettings> {
  const settings = await getPublicClient().fetch(SITE_SETTINGS_QUERY)
  return SiteSettings.parse(settings ?? {})
}

export async function getRecentPosts(limit = 10) {
  const result = await getPublicClient().fetch(RECENT_POSTS_QUERY, {limit})
  return z.object({timeZone, posts: z.array(PostSummary)}).parse(result)
}

export async function getPostBySlug(slug: string) {
  const result = await getPublicClient().fetch(POST_BY_SLUG_QUERY, {slug})
  return z.object({timeZone, post: Post.nullable()}).parse(result)
}
