/** A feed, whatever its format: the blog’s posts, one post’s comments, or the whole blog’s comments. */
export interface Feed {
  title: string
  description: string
  /** The page the feed is about (absolute). */
  link: string
  /** The feed's own address (absolute). */
  self: string
  updated: string
  entries: FeedEntry[]
}

export interface FeedEntry {
  title: string
  link: string
  /** Stable and unique forever: the post's or comment's permanent address. */
  id: string
  published: string
  updated: string
  author: string | null
  categories: string[]
  /** Plain text. */
  summary: string
  /** HTML, for the full text of posts. */
  html?: string
}
