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
