// GROQ for published content (posts, pages, categories, tags, authors), run only by this
// folder's content readers. Every query reads the published perspective through a token-less
// client; reader input only ever arrives as a $parameter, never spliced into the text.

import {MODERATION_FIELD, BLOG_TITLE_FIELD, TIME_ZONE_FIELD as TIME_ZONE} from './site-settings.server'

/** What a post needs to be listed: a slug and a publication date (the address needs both). */
export const LISTABLE_POST = `_type == "post" && defined(slug.current) && defined(publishedAt)`

const IMAGE = `{..., "asset": asset->{_id, url, metadata{lqip, dimensions}}}`

const POST_SUMMARY = `_id, title, "slug": slug.current, publishedAt, _updatedAt,
  "excerpt": coalesce(excerpt, pt::text(body)),
  "author": author->{name, "slug": slug.current},
  "categories": categories[]->{title, "slug": slug.current}`

// Links to other posts are stored as references; the address is made on the server.
const BODY = `body[]{
  ...,
  _type == "image" => ${IMAGE},
  _type == "gallery" => {..., "images": images[]${IMAGE}},
  markDefs[]{..., _type == "internalLink" => {"slug": reference->slug.current, "publishedAt": reference->publishedAt}}
}`

/** Newest first; equal dates fall back to the id so that neighbours are always well defined. */
const NEWEST_FIRST = `order(publishedAt desc, _id desc)`

const NEIGHBOUR = `_id, title, "slug": slug.current, publishedAt`

/**
 * Everything the post page shows about the post that `filter` selects; `extra` adds or
 * overrides fields of the post, `beside` adds fields beside it.
 */
function postPageQuery(filter: string, extra = '', beside = ''): string {
  return `{
  ${TIME_ZONE},${beside}
  "post": *[${filter}][0]{
    ${POST_SUMMARY},
    ${BODY},
    tags,
    sensitiveTopic,
    contentNote,
    "mainImage": mainImage${IMAGE},
    "author": author->{name, "slug": slug.current, credentials, bio},
    // A neighbour on the same date wins (ids break the tie); otherwise the nearest date. Each
    // half is an ordered slice of one range, which the lake's planner can answer from an index.
    "previous": coalesce(
      *[${LISTABLE_POST} && publishedAt == ^.publishedAt && _id < ^._id] | order(_id desc)[0]{${NEIGHBOUR}},
      *[${LISTABLE_POST} && publishedAt < ^.publishedAt] | ${NEWEST_FIRST}[0]{${NEIGHBOUR}}
    ),
    "next": coalesce(
      *[${LISTABLE_POST} && publishedAt == ^.publishedAt && _id > ^._id] | order(_id asc)[0]{${NEIGHBOUR}},
      *[${LISTABLE_POST} && publishedAt > ^.publishedAt] | order(publishedAt asc, _id asc)[0]{${NEIGHBOUR}}
    ),
    // By the first (main) category: a single reference is what the lake's index answers fast.
    "related": *[${LISTABLE_POST} && _id != ^._id && references(^.categories[0]._ref)]
      | ${NEWEST_FIRST}[0...3]{${POST_SUMMARY}}${extra}
  }
}`
}

/**
 * The post page, comments section included, in one round trip: what comments are judged by
 * (the moderation settings, the post's own switches, the clinicians' names for the form) and
 * the approved comments, which `approvedCommentsField` (the comments owner's) selects.
 */
export function postPageQueryWith(approvedCommentsField: string): string {
  return postPageQuery(
    `${LISTABLE_POST} && slug.current == $slug`,
    `,
    commentsOpen,
    "authorId": author._ref,
    ${approvedCommentsField}`,
    `
  ${MODERATION_FIELD},
  ${BLOG_TITLE_FIELD},
  "clinicians": ${AUTHOR_NAMES_QUERY},`,
  )
}

/**
 * A post by id for an editor's preview, read in the `drafts` perspective (the draft laid over
 * the published post). A new draft may not have its address or date yet.
 */
export const POST_PREVIEW_QUERY = postPageQuery(
  `_type == "post" && _id == $id`,
  `,
    "slug": coalesce(slug.current, "draft"), "publishedAt": coalesce(publishedAt, now())`,
)

/** A page's slug and its parents' (nearest first, up to five levels): its address is made of them. */
const PAGE_ADDRESS = `"slug": slug.current, "parents": [
    parent->slug.current, parent->parent->slug.current, parent->parent->parent->slug.current,
    parent->parent->parent->parent->slug.current, parent->parent->parent->parent->parent->slug.current
  ]`

/**
 * A migrated post or page by an address it had on WordPress (`/2013/07/25/slug/`, `/?p=123`,
 * `/?page_id=7`, an old slug, an attachment page): the one an editor typed, or the importer's.
 */
export const MOVED_BY_LEGACY_PATH_QUERY = `{
  ${TIME_ZONE},
  "post": *[${LISTABLE_POST} && (legacyPath in $paths || count(legacyPaths[@ in $paths]) > 0)][0]{"slug": slug.current, publishedAt},
  "page": *[_type == "page" && defined(slug.current) && count(legacyPaths[@ in $paths]) > 0][0]{${PAGE_ADDRESS}}
}`

/** Pages whose own slug is the last part of an address; the caller matches their parents. */
export const PAGES_BY_SLUG_QUERY = `*[_type == "page" && slug.current == $slug]{
  _id, title, ${PAGE_ADDRESS}, _updatedAt, "excerpt": coalesce(excerpt, pt::text(body)),
  ${BODY},
  "mainImage": mainImage${IMAGE}
}`

/** A category's parents' slugs, nearest first (up to four levels): its nested WordPress address is made of them. */
export const CATEGORY_PARENTS_QUERY = `*[_type == "category" && slug.current == $slug][0]{"parents": [
  parent->slug.current, parent->parent->slug.current, parent->parent->parent->slug.current, parent->parent->parent->parent->slug.current
]}`

/** Whether a post is published under this slug: its date address then answers. */
export const POST_ADDRESS_BY_SLUG_QUERY = `{
  ${TIME_ZONE},
  "post": *[${LISTABLE_POST} && slug.current == $slug][0]{"slug": slug.current, publishedAt}
}`

/**
 * A page of posts matching one of the archive filters below, with the total for pagination.
 * `$start`/`$end` slice the newest-first list.
 */
function listing(filter: string, extra = ''): string {
  const posts = `*[${LISTABLE_POST} && ${filter}]`
  return `{
    ${TIME_ZONE},${extra}
    "total": count(${posts}),
    "posts": ${posts} | ${NEWEST_FIRST}[$start...$end]{${POST_SUMMARY}}
  }`
}

export const HOME_LISTING_QUERY = listing('true')

/** The home page's first page also lists the sticky posts, newest first, to show them on top. */
export const HOME_FIRST_PAGE_QUERY = listing('true', `\n    "sticky": *[${LISTABLE_POST} && sticky == true] | ${NEWEST_FIRST}{${POST_SUMMARY}},`)

// A category's or author's archive reads its term first, then lists by the term's id: a
// constant sub-query inside the listing would be evaluated for every post it looks at.

/** The category at an address: its id to list by, and what its archive's heading shows. */
export const CATEGORY_TERM_QUERY = `*[_type == "category" && slug.current == $slug][0]{_id, title, description, "parent": parent->{title, "slug": slug.current}}`

export const CATEGORY_LISTING_QUERY = listing('references($id)')

/** The author at an address: their id to list by, and what their archive's heading shows. */
export const AUTHOR_TERM_QUERY = `*[_type == "author" && slug.current == $slug][0]{_id, "title": name, "description": bio}`

/** A post names its author in `author` only (contract: the post type), so equality finds theirs. */
export const AUTHOR_LISTING_QUERY = listing('author._ref == $id')

// A tag's description lives in a tag document (the importer writes one per WordPress tag),
// found by the tag's address or, for one an editor made, by the tag as posts write it.
export const TAG_LISTING_QUERY = listing(`$tag in tags`, `\n    "term": *[_type == "tag" && (slug.current == $slug || title == $tag)][0]{title, description},`)

/** Every tag in use: tags are free text, so their addresses are made from them on the server. */
export const ALL_TAGS_QUERY = `array::unique(*[${LISTABLE_POST}].tags[])`

export const DATE_LISTING_QUERY = listing(`publishedAt >= $from && publishedAt < $to`)

export const SEARCH_LISTING_QUERY = `{
  ${TIME_ZONE},
  "total": count(*[${LISTABLE_POST} && [title, excerpt, pt::text(body)] match $terms]),
  "posts": *[${LISTABLE_POST} && [title, excerpt, pt::text(body)] match $terms]
    | score(boost(title match $terms, 3), excerpt match $terms, pt::text(body) match $terms)
    | order(_score desc, publishedAt desc)[$start...$end]{${POST_SUMMARY}}
}`

/** The feeds: the newest posts with their full text. */
export const FEED_POSTS_QUERY = `{
  ${TIME_ZONE},
  "posts": *[${LISTABLE_POST}] | ${NEWEST_FIRST}[0...$limit]{${POST_SUMMARY}, ${BODY}}
}`

/** How many posts the sitemaps list: the index names one posts sitemap per slice of them. */
export const SITEMAP_POST_COUNT_QUERY = `count(*[${LISTABLE_POST}])`

/**
 * One posts sitemap: a slice of every post's address, oldest first, so that a new post only
 * changes the last sitemap and the others keep their content (and their cached copies).
 */
export const SITEMAP_POSTS_QUERY = `{
  ${TIME_ZONE},
  "posts": *[${LISTABLE_POST}] | order(publishedAt asc, _id asc)[$start...$end]{_id, "slug": slug.current, publishedAt, _updatedAt}
}`

/** The archives sitemap: the newest post's date (for the home page), and every archive with posts. */
export const SITEMAP_ARCHIVES_QUERY = `{
  "newest": *[${LISTABLE_POST}] | ${NEWEST_FIRST}[0]{_id, _updatedAt},
  "categories": *[_type == "category" && defined(slug.current) && count(*[${LISTABLE_POST} && references(^._id)]) > 0]{"slug": slug.current},
  "authors": *[_type == "author" && defined(slug.current) && count(*[${LISTABLE_POST} && references(^._id)]) > 0]{"slug": slug.current},
  "tags": array::unique(*[${LISTABLE_POST}].tags[])
}`

/** The practice's clinicians as readers may name them: the names of the blog's authors. */
export const AUTHOR_NAMES_QUERY = `*[_type == "author" && defined(name)].name`
