import type {SanityDocument} from '../src/types'

/**
 * A blog dataset shaped like this project's content, of any size, deterministic: authors,
 * categories, posts with Portable Text bodies (some with drafts), and comments in every status.
 * Of `total` documents: 1% authors, 20 categories, 10% posts, the rest comments.
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

const LISTABLE_POST = `_type == "post" && defined(slug.current) && defined(publishedAt)`
const POST_SUMMARY = `_id, title, "slug": slug.current, publishedAt, "excerpt": coalesce(excerpt, pt::text(body)), "author": author->{name}, "categories": categories[]->{title}`
const NEWEST_FIRST = `order(publishedAt desc, _id desc)`
const listing = (filter: string) => `{
  "total": count(*[${LISTABLE_POST} && ${filter}]),
  "posts": *[${LISTABLE_POST} && ${filter}] | ${NEWEST_FIRST}[$start...$end]{${POST_SUMMARY}}
}`

/** The shapes of the site's queries (app/sanity/queries.ts) and Studio's search, for benchmarks and planner checks. */
export const SITE_QUERIES = {
  postPage: {
    query: `{"post": *[${LISTABLE_POST} && slug.current == $slug][0]{
      ${POST_SUMMARY}, body,
      "previous": *[${LISTABLE_POST} && (publishedAt < ^.publishedAt || (publishedAt == ^.publishedAt && _id < ^._id))] | ${NEWEST_FIRST}[0]{title, "slug": slug.current},
      "next": *[${LISTABLE_POST} && (publishedAt > ^.publishedAt || (publishedAt == ^.publishedAt && _id > ^._id))] | order(publishedAt asc, _id asc)[0]{title, "slug": slug.current},
      "related": *[${LISTABLE_POST} && _id != ^._id && references(^.categories[0]._ref)] | ${NEWEST_FIRST}[0...3]{${POST_SUMMARY}},
      "comments": *[_type == "comment" && post._ref == ^._id && status == "approved"] | order(submittedAt asc){authorName, body, submittedAt}
    }}`,
    params: {slug: 'post-7'},
  },
  listingPage50: {query: listing('true'), params: {start: 490, end: 500}},
  categoryListing: {query: listing('references(*[_type == "category" && slug.current == $slug]._id)'), params: {slug: 'category-3', start: 0, end: 10}},
  dateListing: {query: listing('publishedAt >= $from && publishedAt < $to'), params: {from: '2011-01-01', to: '2011-02-01', start: 0, end: 10}},
  sitemap: {
    query: `{
      "posts": *[${LISTABLE_POST}] | ${NEWEST_FIRST}{"slug": slug.current, publishedAt, _updatedAt},
      "categories": *[_type == "category" && defined(slug.current) && count(*[${LISTABLE_POST} && references(^._id)]) > 0]{"slug": slug.current},
      "authors": *[_type == "author" && defined(slug.current) && count(*[${LISTABLE_POST} && references(^._id)]) > 0]{"slug": slug.current}
    }`,
    params: {},
  },
  searchPage: {
    query: `{
      "total": count(*[${LISTABLE_POST} && [title, excerpt, pt::text(body)] match $terms]),
      "posts": *[${LISTABLE_POST} && [title, excerpt, pt::text(body)] match $terms]
        | score(boost(title match $terms, 3), excerpt match $terms, pt::text(body) match $terms)
        | order(_score desc, publishedAt desc)[$start...$end]{${POST_SUMMARY}}
    }`,
    params: {terms: 'trust 1234', start: 0, end: 10},
  },
  studioSearch: {
    // Sanity Studio 6's global search for a word (createSearchQuery, scored, "findability-mvi:5").
    query: `// findability-mvi:5
*[_type in $__types] | score(boost(_type in ["post"] && title match text::query($__query), 10), boost(_type in ["author"] && name match text::query($__query), 10), boost(_type in ["category"] && title match text::query($__query), 10), ([@, _id] match text::query($__query) || references($__rawQuery))) [_score > 0] {_type, _id, _originalId, "orderings": [_score, _updatedAt]} | order(_score desc, _updatedAt desc) [0...$__limit]`,
    params: {__types: ['post', 'author', 'category', 'comment'], __limit: 1001, __query: 'reader 123*', __rawQuery: 'reader 123'},
  },
} as const
