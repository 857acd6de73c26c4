import type {SanityDocument} from '../src/types'

/**
 * A blog dataset shaped like this project's content, of any size, deterministic: authors,
 * categories, posts with Portable Text bodies (some with drafts), and comments in every status.
 * Of `total` documents: 1% authors, 20 categories, 10% posts (each with one of 40 tags), the rest comments.
 */
export function blogDataset(total: number): SanityDocument[] {
  let seed = 42
  const random = () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648
    return seed / 2_147_483_648
  }
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!
  const words = ['balance', 'therapy', 'sleep', 'anxiety', 'couples', 'grief', 'mindful', 'stress', 'family', 'healing', 'trust', 'change']
  const sentence = (n: number) => Array.from({length: n}, () => pick(words)).join(' ')
  const docs: SanityDocument[] = []

  const authors = Math.max(1, Math.floor(total * 0.01))
  const categories = 20
  const posts = Math.max(1, Math.floor(total * 0.1))
  const comments = Math.max(0, total - authors - categories - posts)

  for (let i = 0; i < authors; i++) {
    docs.push({_id: `author-${i}`, _type: 'author', name: `Author ${i}`, slug: {_type: 'slug', current: `author-${i}`}})
  }
  for (let i = 0; i < categories; i++) {
    docs.push({_id: `category-${i}`, _type: 'category', title: `Category ${i}`, slug: {_type: 'slug', current: `category-${i}`}})
  }
  for (let i = 0; i < posts; i++) {
    const day = new Date(Date.UTC(2010, 0, 1) + i * 3_600_000 * 7).toISOString()
    const post: SanityDocument = {
      _id: `post-${i}`,
      _type: 'post',
      title: `${sentence(4)} ${i}`,
      slug: {_type: 'slug', current: `post-${i}`},
      publishedAt: day,
      author: {_type: 'reference', _ref: `author-${i % authors}`},
      categories: [{_type: 'reference', _ref: `category-${i % categories}`, _key: 'c0'}],
      tags: [`Topic ${i % 40}`],
      excerpt: sentence(12),
      body: Array.from({length: 4}, (_, b) => ({
        _type: 'block',
        _key: `b${b}`,
        style: 'normal',
        markDefs: [],
        children: [{_type: 'span', _key: `s${b}`, text: sentence(30), marks: []}],
      })),
    }
    docs.push(post)
    if (i % 20 === 0) docs.push({...post, _id: `drafts.post-${i}`, title: `Draft: ${post.title}`})
  }
  const statuses = ['approved', 'approved', 'approved', 'pending', 'spam', 'trash'] as const
  for (let i = 0; i < comments; i++) {
    docs.push({
      _id: `comment-${i}`,
      _type: 'comment',
      post: {_type: 'reference', _ref: `post-${Math.floor(random() * posts)}`},
      authorName: `Reader ${i % 500}`,
      body: sentence(20),
      status: pick(statuses),
      submittedAt: new Date(Date.UTC(2014, 0, 1) + i * 60_000).toISOString(),
    })
  }
  return docs
}

/** The queries a blog runs, for benchmarks and planner checks. */
export const BLOG_QUERIES = {
  postBySlug: {
    query: `*[_type == "post" && slug.current == $slug][0]{
      title, publishedAt, body, "author": author->{name},
      "comments": *[_type == "comment" && post._ref == ^._id && status == "approved"] | order(submittedAt asc){authorName, body, submittedAt}
    }`,
    params: {slug: 'post-7'},
  },
  newestPosts: {
    query: `*[_type == "post" && defined(publishedAt)] | order(publishedAt desc)[0...20]{title, publishedAt, "author": author->name}`,
    params: {},
  },
  pendingCount: {query: `count(*[_type == "comment" && status == "pending"])`, params: {}},
  search: {
    query: `*[_type == "post" && (title match $q || pt::text(body) match $q)] | order(publishedAt desc)[0...20]{title}`,
    params: {q: 'grief'},
  },
  newestWithCommentCounts: {
    query: `*[_type == "post"] | order(publishedAt desc)[0...10]{title, "comments": count(*[_type == "comment" && references(^._id)])}`,
    params: {},
  },
} as const

// Copies of the site's query texts (app/sanity/queries.ts, comments.server.ts), which the lake
// may not import; tests/site-queries.test.ts asserts they are still the same texts.
const LISTABLE_POST = `_type == "post" && defined(slug.current) && defined(publishedAt)`
const SETTINGS = `*[_id == "siteSettings"][0]`
const TIME_ZONE = `"timeZone": ${SETTINGS}.timeZone`
const IMAGE = `{..., "asset": asset->{_id, url, metadata{lqip, dimensions}}}`
const POST_SUMMARY = `_id, title, "slug": slug.current, publishedAt, _updatedAt,
  "excerpt": coalesce(excerpt, pt::text(body)),
  "author": author->{name, "slug": slug.current},
  "categories": categories[]->{title, "slug": slug.current}`
const BODY = `body[]{
  ...,
  _type == "image" => ${IMAGE},
  _type == "gallery" => {..., "images": images[]${IMAGE}},
  markDefs[]{..., _type == "internalLink" => {"slug": reference->slug.current, "publishedAt": reference->publishedAt}}
}`
const NEWEST_FIRST = `order(publishedAt desc, _id desc)`
const NEIGHBOUR = `_id, title, "slug": slug.current, publishedAt`
const SHOWN_COMMENT = `"id": _id, "parentId": parent._ref, authorName, authorWebsite, provider, body, submittedAt, byPostAuthor`

/** The post page's query (postPageQueryWith(APPROVED_COMMENTS_FIELD)). */
const POST_PAGE = `{
  ${TIME_ZONE},
  "moderation": ${SETTINGS}.moderation,
  "blogTitle": ${SETTINGS}.title,
  "clinicians": *[_type == "author" && defined(name)].name,
  "post": *[${LISTABLE_POST} && slug.current == $slug][0]{
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
      | ${NEWEST_FIRST}[0...3]{${POST_SUMMARY}},
    commentsOpen,
    "authorId": author._ref,
    "approvedComments": *[_type == "publicComment" && post._ref == ^._id] | order(submittedAt asc){${SHOWN_COMMENT}}
  }
}`

const listing = (filter: string, extra = '') => {
  const posts = `*[${LISTABLE_POST} && ${filter}]`
  return `{
    ${TIME_ZONE},${extra}
    "total": count(${posts}),
    "posts": ${posts} | ${NEWEST_FIRST}[$start...$end]{${POST_SUMMARY}}
  }`
}

const ALL_TAGS = `array::unique(*[${LISTABLE_POST}].tags[])`

/** The site's queries, exactly as the site sends them, with the bench page's parameters (bench/site/run.ts). */
export const SITE_QUERY_TEXTS = {
  postPage: POST_PAGE,
  homeFirstPage: listing('true', `\n    "sticky": *[${LISTABLE_POST} && sticky == true] | ${NEWEST_FIRST}{${POST_SUMMARY}},`),
  home: listing('true'),
  categoryTerm: `*[_type == "category" && slug.current == $slug][0]{_id, title, description, "parent": parent->{title, "slug": slug.current}}`,
  category: listing('references($id)'),
  authorTerm: `*[_type == "author" && slug.current == $slug][0]{_id, "title": name, "description": bio}`,
  author: listing('author._ref == $id'),
  allTags: ALL_TAGS,
  tag: listing(`$tag in tags`, `\n    "term": *[_type == "tag" && (slug.current == $slug || title == $tag)][0]{title, description},`),
  date: listing(`publishedAt >= $from && publishedAt < $to`),
  search: `{
  ${TIME_ZONE},
  "total": count(*[${LISTABLE_POST} && [title, excerpt, pt::text(body)] match $terms]),
  "posts": *[${LISTABLE_POST} && [title, excerpt, pt::text(body)] match $terms]
    | score(boost(title match $terms, 3), excerpt match $terms, pt::text(body) match $terms)
    | order(_score desc, publishedAt desc)[$start...$end]{${POST_SUMMARY}}
}`,
  postsFeed: `{
  ${TIME_ZONE},
  "posts": *[${LISTABLE_POST}] | ${NEWEST_FIRST}[0...$limit]{${POST_SUMMARY}, ${BODY}}
}`,
  commentsFeed: `{
  ${TIME_ZONE},
  "comments": *[_type == "publicComment" && post->_type == "post" && defined(post->slug.current) && defined(post->publishedAt)]
    | order(submittedAt desc)[0...$limit]{
      _id, authorName, body, submittedAt,
      "post": post->{_id, title, "slug": slug.current, publishedAt}
    }
}`,
  sitemapPostCount: `count(*[${LISTABLE_POST}])`,
  sitemapPosts: `{
  ${TIME_ZONE},
  "posts": *[${LISTABLE_POST}] | order(publishedAt asc, _id asc)[$start...$end]{_id, "slug": slug.current, publishedAt, _updatedAt}
}`,
  sitemapArchives: `{
  "newest": *[${LISTABLE_POST}] | ${NEWEST_FIRST}[0]{_id, _updatedAt},
  "categories": *[_type == "category" && defined(slug.current) && count(*[${LISTABLE_POST} && references(^._id)]) > 0]{"slug": slug.current},
  "authors": *[_type == "author" && defined(slug.current) && count(*[${LISTABLE_POST} && references(^._id)]) > 0]{"slug": slug.current},
  "tags": ${ALL_TAGS}
}`,
} as const

const q = SITE_QUERY_TEXTS
/** The site's queries for the pages the site bench measures (bench/site/run.ts), and Studio's search, for benchmarks and planner checks. */
export const SITE_QUERIES = {
  postPage: {query: q.postPage, params: {slug: 'post-7'}},
  home: {query: q.homeFirstPage, params: {start: 0, end: 10}},
  homePage50: {query: q.home, params: {start: 490, end: 500}},
  categoryTerm: {query: q.categoryTerm, params: {slug: 'category-7'}},
  category: {query: q.category, params: {id: 'category-7', start: 0, end: 10}},
  allTags: {query: q.allTags, params: {}},
  tag: {query: q.tag, params: {tag: 'Topic 28', slug: 'topic-28', start: 0, end: 10}},
  authorTerm: {query: q.authorTerm, params: {slug: 'author-7'}},
  author: {query: q.author, params: {id: 'author-7', start: 0, end: 10}},
  month: {query: q.date, params: {from: '2010-01-01T00:00:00.000Z', to: '2010-02-01T00:00:00.000Z', start: 0, end: 10}},
  searchPage: {query: q.search, params: {terms: ['post*'], start: 0, end: 10}},
  postsFeed: {query: q.postsFeed, params: {limit: 10}},
  commentsFeed: {query: q.commentsFeed, params: {limit: 50}},
  sitemapPostCount: {query: q.sitemapPostCount, params: {}},
  sitemapPosts: {query: q.sitemapPosts, params: {start: 4000, end: 5000}},
  sitemapArchives: {query: q.sitemapArchives, params: {}},
  studioSearch: {
    // Sanity Studio 6's global search for a word (createSearchQuery, scored, "findability-mvi:5").
    query: `// findability-mvi:5
*[_type in $__types] | score(boost(_type in ["post"] && title match text::query($__query), 10), boost(_type in ["author"] && name match text::query($__query), 10), boost(_type in ["category"] && title match text::query($__query), 10), ([@, _id] match text::query($__query) || references($__rawQuery))) [_score > 0] {_type, _id, _originalId, "orderings": [_score, _updatedAt]} | order(_score desc, _updatedAt desc) [0...$__limit]`,
    // A common word: in most posts and comments.
    params: {__types: ['post', 'page', 'author', 'category', 'tag', 'comment'], __limit: 1001, __query: 'grief*', __rawQuery: 'grief'},
  },
} as const
