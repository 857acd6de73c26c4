import {z} from 'zod'
import {renderBodyHtml} from '~/components/body-html.server'
import {excerpt} from '~/lib/excerpt'
import {authorPath, categoryPath, formatPostDate, postPath, tagPath} from '~/lib/permalink'
import {type ImageSource, responsiveImage, socialImageUrl} from '~/lib/sanity-image'
import {PublishedPost} from '../../contract/post'
import {CONTENT_NOTE_DEFAULT} from '../../contract/reader-notices'
import type {SanityClient} from '@sanity/client'
import {queryPublished} from './client.server'
import {APPROVED_COMMENTS_FIELD, type ShownRow} from './comments.server'
import {commentsTag, pageShows, POST_LISTS, postTag, SEARCH} from './page-dependencies.server'
import {
  ALL_TAGS_QUERY,
  AUTHOR_LISTING_QUERY,
  AUTHOR_NAMES_QUERY,
  AUTHOR_TERM_QUERY,
  CATEGORY_LISTING_QUERY,
  CATEGORY_PARENTS_QUERY,
  CATEGORY_TERM_QUERY,
  DATE_LISTING_QUERY,
  FEED_POSTS_QUERY,
  HOME_FIRST_PAGE_QUERY,
  HOME_LISTING_QUERY,
  MOVED_BY_LEGACY_PATH_QUERY,
  PAGES_BY_SLUG_QUERY,
  POST_ADDRESS_BY_SLUG_QUERY,
  postPageQueryWith,
  SEARCH_LISTING_QUERY,
  SITEMAP_ARCHIVES_QUERY,
  SITEMAP_POST_COUNT_QUERY,
  SITEMAP_POSTS_QUERY,
  TAG_LISTING_QUERY,
} from './queries'
import {BLOG_TITLE_FIELD, MODERATION_FIELD, ModerationSettings, SiteSettings, TIME_ZONE_FIELD, TimeZone} from './site-settings.server'

// Content is checked at the boundary: a document an editor left half-filled becomes a clear
// error here instead of a broken page further down.

const withoutNulls = <T>(items: (T | null)[] | null | undefined): T[] => (items ?? []).filter((item): item is T => item !== null)

const Term = z.object({title: z.string(), slug: z.string().nullish()})

export const PostSummary = PublishedPost.extend({
  _updatedAt: z.string().nullish(),
  excerpt: z
    .string()
    .nullish()
    .transform((text) => excerpt(text ?? '')),
  author: z.object({name: z.string(), slug: z.string().nullish()}).nullish(),
  categories: z.array(Term.nullable()).nullish().transform(withoutNulls),
})
export type PostSummary = z.infer<typeof PostSummary>

/** An image with its asset's address, size and blurred placeholder (the lake computes both). */
export const ImageValue = z.looseObject({
  asset: z
    .object({
      _id: z.string(),
      url: z.string().nullish(),
      metadata: z
        .object({
          lqip: z.string().nullish(),
          dimensions: z.object({width: z.number(), height: z.number()}).nullish(),
        })
        .nullish(),
    })
    .nullish(),
  alt: z.string().nullish(),
  caption: z.string().nullish(),
})
export type ImageValue = z.infer<typeof ImageValue>

// Portable Text is rendered by @portabletext/react, which tolerates unknown block types.
const PortableTextBlocks = z
  .array(z.looseObject({_type: z.string(), _key: z.string().optional()}))
  .nullish()
  .transform((blocks) => blocks ?? [])
export type PortableTextBlocks = z.infer<typeof PortableTextBlocks>

const Neighbour = z.object({_id: z.string(), title: z.string(), slug: z.string(), publishedAt: z.string()}).nullish()

const PostPage = PostSummary.extend({
  body: PortableTextBlocks,
  tags: z.array(z.string().nullable()).nullish().transform(withoutNulls),
  sensitiveTopic: z.boolean().nullish(),
  contentNote: z.string().nullish(),
  mainImage: ImageValue.nullish(),
  author: z
    .object({
      name: z.string(),
      slug: z.string().nullish(),
      credentials: z.string().nullish(),
      bio: z.string().nullish(),
    })
    .nullish(),
  previous: Neighbour,
  next: Neighbour,
  related: z
    .array(PostSummary)
    .nullish()
    .transform((posts) => posts ?? []),
})

/** A post as a list shows it: everything already turned into addresses and dates. */
export function summaryView(post: PostSummary, timeZone: string) {
  return {
    id: post._id,
    title: post.title,
    path: postPath(post, timeZone),
    publishedAt: post.publishedAt,
    date: formatPostDate(post.publishedAt, timeZone),
    excerpt: post.excerpt,
    author: post.author ? {name: post.author.name, path: post.author.slug ? authorPath(post.author.slug) : null} : null,
    categories: post.categories.map((category) => ({
      title: category.title,
      path: category.slug ? categoryPath(category.slug) : null,
    })),
  }
}
export type SummaryView = ReturnType<typeof summaryView>

interface MarkDef {
  _type: string
  _key: string
  slug?: string | null
  publishedAt?: string | null
  [field: string]: unknown
}

/**
 * A body ready to render: links to other posts (stored as references) get their address, in
 * the blog's time zone, or become plain text if the post is gone; images get their srcset and
 * size here on the server, so the image URL builder stays out of the browser's JavaScript.
 */
export function prepareBody(blocks: PortableTextBlocks, timeZone: string): PortableTextBlocks {
  return blocks.map((block) => {
    if (block._type === 'image') return {...block, responsive: responsiveImage(block as ImageSource)}
    if (block._type === 'gallery') {
      const images = (block as {images?: ImageSource[]}).images ?? []
      return {...block, images: images.map((image) => ({...image, responsive: responsiveImage(image)}))}
    }
    const markDefs = (block as {markDefs?: MarkDef[]}).markDefs
    if (!Array.isArray(markDefs)) return block
    return {
      ...block,
      markDefs: markDefs.map((def) => {
        if (def._type !== 'internalLink') return def
        const href = def.slug && def.publishedAt ? postPath({slug: def.slug, publishedAt: def.publishedAt}, timeZone) : null
        return {_type: 'internalLink', _key: def._key, href}
      }),
    }
  })
}

/** The post page's view of a query result (POST_PAGE_QUERY or POST_PREVIEW_QUERY), or null. */
export function postPageView(result: unknown) {
  const {timeZone, post} = z.object({timeZone: TimeZone, post: PostPage.nullable()}).parse(result)
  if (!post) return null
  const neighbour = (other: z.infer<typeof Neighbour>) => (other ? {id: other._id, title: other.title, path: postPath(other, timeZone)} : null)
  return {
    ...summaryView(post, timeZone),
    canonicalPath: postPath(post, timeZone),
    updatedAt: post._updatedAt ?? post.publishedAt,
    bodyHtml: renderBodyHtml(prepareBody(post.body, timeZone)),
    // A sensitive post always carries a note above it, the editor's or the general one.
    contentNote: post.sensitiveTopic ? post.contentNote?.trim() || CONTENT_NOTE_DEFAULT : null,
    mainImage: post.mainImage?.asset ? post.mainImage : null,
    mainImageView: post.mainImage?.asset ? {alt: post.mainImage.alt ?? null, responsive: responsiveImage(post.mainImage)} : null,
    socialImage: post.mainImage ? socialImageUrl(post.mainImage) : null,
    author: post.author
      ? {
          name: post.author.name,
          path: post.author.slug ? authorPath(post.author.slug) : null,
          credentials: post.author.credentials ?? null,
          bio: post.author.bio ?? null,
        }
      : null,
    tags: post.tags.map((tag) => ({title: tag, path: tagPath(tag)})),
    previous: neighbour(post.previous),
    next: neighbour(post.next),
    related: post.related.map((related) => summaryView(related, timeZone)),
  }
}

const POST_PAGE_QUERY = postPageQueryWith(APPROVED_COMMENTS_FIELD)

/**
 * Everything the post page shows, or null: the post, its neighbours and related posts, and
 * what its comments section needs (`comments`, for loadCommentsSection), from one query.
 */
export async function getPostPage(slug: string) {
  const result = await queryPublished(POST_PAGE_QUERY, {slug})
  const post = postPageView(result)
  if (!post) return null
  const shown = [post.id, post.previous?.id, post.next?.id, ...post.related.map((related) => related.id)]
  pageShows(POST_LISTS, commentsTag(post.id), ...shown.flatMap((id) => (id ? [postTag(id)] : [])))
  const {post: forComments, ...settings} = PostPageComments.parse(result)
  const {approvedComments, ...commentsPost} = forComments
  // The blog's title as the layout shows it (its default when unset): the post's structured data names the blog.
  const blogTitle = SiteSettings.shape.title.parse((result as {blogTitle?: unknown}).blogTitle ?? undefined)
  return {post, blogTitle, comments: {...settings, post: commentsPost, approved: approvedComments}}
}
export type PostPageComments = NonNullable<Awaited<ReturnType<typeof getPostPage>>>['comments']
export type PostPageView = NonNullable<ReturnType<typeof postPageView>>

/** A page's address as WordPress made it: its parents' slugs, then its own (`/about/team/`). */
export const PageAddress = z.object({slug: z.string(), parents: z.array(z.string().nullable()).nullish()})
export function pagePath(page: z.infer<typeof PageAddress>): string {
  const parents = (page.parents ?? []).filter((slug): slug is string => slug !== null).reverse()
  return `/${[...parents, page.slug].map(encodeURIComponent).join('/')}/`
}

/**
 * The canonical address of a migrated post or page, by an address it had on WordPress. Editors
 * may type it with or without the trailing slash, and `?p=123` with or without the leading slash.
 */
export async function findLegacyPath(legacy: string): Promise<string | null> {
  const bare = legacy.replace(/\/$/, '')
  const paths = [...new Set([legacy, bare, `${bare}/`, legacy.replace(/^\/\?/, '?')])]
  const result = await queryPublished(MOVED_BY_LEGACY_PATH_QUERY, {paths})
  const {timeZone, post, page} = z
    .object({timeZone: TimeZone, post: z.object({slug: z.string(), publishedAt: z.string()}).nullable(), page: PageAddress.nullable()})
    .parse(result)
  if (post) return postPath(post, timeZone)
  return page ? pagePath(page) : null
}

/** Pages whose own slug is `slug` (unchecked: the caller matches their parents too). */
export function readPagesBySlug(slug: string): Promise<unknown> {
  return queryPublished(PAGES_BY_SLUG_QUERY, {slug})
}

/** The newest `limit` posts with their bodies, and the time zone, for the feeds. */
export async function readFeedPosts(limit: number): Promise<unknown> {
  const result = await queryPublished(FEED_POSTS_QUERY, {limit})
  pageShows(POST_LISTS, ...idsOf((result as {posts?: unknown} | null)?.posts).map(postTag))
  return result
}

/** The ids of the documents in a query's list, however else they turned out. */
function idsOf(list: unknown): string[] {
  return Array.isArray(list) ? list.flatMap((item) => (typeof item?._id === 'string' ? [item._id] : [])) : []
}

/** How many posts the sitemaps list. */
export async function readSitemapPostCount(): Promise<number> {
  const count = z.number().parse(await queryPublished(SITEMAP_POST_COUNT_QUERY))
  pageShows(POST_LISTS)
  return count
}

/** The address parts of the posts `[start, end)`, oldest first, for one posts sitemap. */
export async function readSitemapPosts(start: number, end: number): Promise<unknown> {
  const result = await queryPublished(SITEMAP_POSTS_QUERY, {start, end})
  // Each post's last change is its entry's lastmod.
  pageShows(POST_LISTS, ...idsOf((result as {posts?: unknown} | null)?.posts).map(postTag))
  return result
}

/** Every category, author and tag with posts, and the newest post's date, for the archives sitemap. */
export async function readSitemapArchives(): Promise<unknown> {
  const result = await queryPublished(SITEMAP_ARCHIVES_QUERY)
  pageShows(POST_LISTS, ...idsOf([(result as {newest?: unknown} | null)?.newest]).map(postTag))
  return result
}

/** One listing to read: which posts, and the slice `[start, end)` of them newest first. */
export type ListingRequest = {start: number; end: number} & (
  | {kind: 'home'; firstPage: boolean}
  | {kind: 'category'; slug: string}
  | {kind: 'author'; slug: string}
  | {kind: 'tag'; tag: string; slug: string}
  | {kind: 'date'; from: string; to: string}
  | {kind: 'search'; terms: string[]}
)

const ListedTerm = z.object({
  title: z.string(),
  description: z.string().nullish(),
  parent: z.object({title: z.string(), slug: z.string()}).nullish(),
})

const Listing = z.object({
  timeZone: TimeZone,
  total: z.number(),
  posts: z.array(PostSummary),
  term: ListedTerm.nullish(),
  /** Only on the home page's first page. */
  sticky: z.array(PostSummary).optional(),
})
export type Listing = z.infer<typeof Listing>

const LISTING_QUERIES = {
  category: CATEGORY_LISTING_QUERY,
  author: AUTHOR_LISTING_QUERY,
  tag: TAG_LISTING_QUERY,
  date: DATE_LISTING_QUERY,
  search: SEARCH_LISTING_QUERY,
} as const

const TERM_QUERIES = {category: CATEGORY_TERM_QUERY, author: AUTHOR_TERM_QUERY} as const
const TermWithId = ListedTerm.extend({_id: z.string()}).nullable()

async function queryListing(request: ListingRequest): Promise<Listing | null> {
  const {kind, ...params} = request
  switch (kind) {
    case 'home':
      return Listing.parse(await queryPublished(request.firstPage ? HOME_FIRST_PAGE_QUERY : HOME_LISTING_QUERY, {start: request.start, end: request.end}))
    case 'category':
    case 'author': {
      // Categories and authors empty the whole page cache when they change, so a missing one's
      // 404 needs no tag of its own.
      const found = TermWithId.parse(await queryPublished(TERM_QUERIES[kind], {slug: request.slug}))
      if (!found) return null
      const {_id: id, ...term} = found
      return {...Listing.parse(await queryPublished(LISTING_QUERIES[kind], {start: request.start, end: request.end, id})), term}
    }
    default:
      return Listing.parse(await queryPublished(LISTING_QUERIES[kind], params))
  }
}

/**
 * One slice of a listing: its posts, their total, and the category, tag or author it lists;
 * null for a category or author that does not exist.
 */
export async function readListing(request: ListingRequest): Promise<Listing | null> {
  const listing = await queryListing(request)
  if (!listing) return null
  pageShows(POST_LISTS, ...(request.kind === 'search' ? [SEARCH] : []), ...[...listing.posts, ...(listing.sticky ?? [])].map((post) => postTag(post._id)))
  return listing
}

/** Every tag a published post has, as editors typed them. */
export async function readAllTags(): Promise<(string | null)[]> {
  const tags = z.array(z.string().nullable()).parse(await queryPublished(ALL_TAGS_QUERY))
  pageShows(POST_LISTS)
  return tags
}

/** The published post with this slug, as its address needs it, and the time zone. */
export async function readPostAddressBySlug(slug: string) {
  return z
    .object({timeZone: TimeZone, post: z.object({slug: z.string(), publishedAt: z.string()}).nullable()})
    .parse(await queryPublished(POST_ADDRESS_BY_SLUG_QUERY, {slug}))
}

/** The slugs of a category's parents, nearest first, or null when there is no such category. */
export async function readCategoryParents(slug: string): Promise<string[] | null> {
  const found = z
    .object({parents: z.array(z.string().nullable())})
    .nullable()
    .parse(await queryPublished(CATEGORY_PARENTS_QUERY, {slug}))
  return found ? withoutNulls(found.parents) : null
}

const PostForComments = PublishedPost.extend({
  _updatedAt: z.string(),
  commentsOpen: z.boolean().nullish(),
  sensitiveTopic: z.boolean().nullish(),
  authorId: z.string().nullish(),
})

/** The comments section's part of the post page's query (the comments owner shaped its rows). */
const PostPageComments = z.object({
  moderation: ModerationSettings,
  timeZone: TimeZone,
  clinicians: z.array(z.string()),
  post: PostForComments.extend({
    approvedComments: z
      .array(z.custom<ShownRow>())
      .nullish()
      .transform((rows) => rows ?? []),
  }),
})

/**
 * A published post (by id or by slug) as comments on it need it, with the moderation settings
 * they are judged by and the time zone its address is made in; post is null when it is not
 * published.
 */
export async function readPostForComments(client: SanityClient, post: {id: string} | {slug: string}) {
  const result = await client.fetch(
    `{
  ${MODERATION_FIELD},
  ${TIME_ZONE_FIELD},
  "post": *[_type == "post" && (_id == $postId || slug.current == $slug) && defined(publishedAt)][0]{
    _id, title, "slug": slug.current, publishedAt, _updatedAt, commentsOpen, sensitiveTopic, "authorId": author._ref
  }
}`,
    {postId: 'id' in post ? post.id : null, slug: 'slug' in post ? post.slug : null},
    {perspective: 'published'},
  )
  return z.object({moderation: ModerationSettings, timeZone: TimeZone, post: PostForComments.nullable()}).parse(result)
}
export type PostForCommentsRead = Awaited<ReturnType<typeof readPostForComments>>

const PostToAnnounce = PublishedPost.extend({excerpt: z.string().nullish()})

/** A post just published, for the "new post" email: null unless it is listable (has an address). */
export async function readPostToAnnounce(client: SanityClient, postId: string) {
  const result = await client.fetch(
    `{
  ${BLOG_TITLE_FIELD},
  ${TIME_ZONE_FIELD},
  "post": *[_type == "post" && _id == $postId && defined(slug.current) && defined(publishedAt)][0]{
    _id, title, "slug": slug.current, publishedAt, "excerpt": coalesce(excerpt, pt::text(body))
  }
}`,
    {postId},
    {perspective: 'published'},
  )
  return z.object({blogTitle: z.string().nullish(), timeZone: TimeZone, post: PostToAnnounce.nullable()}).parse(result)
}

/**
 * The practice's clinicians as readers may name them (the personal-details check). Read with
 * the comment's own client: a lake failure here is the comment action's to answer, keeping the
 * reader's text, not a page error.
 */
export async function readClinicianNames(client: SanityClient): Promise<string[]> {
  return z.array(z.string()).parse(await client.fetch(AUTHOR_NAMES_QUERY, {}, {perspective: 'published'}))
}
