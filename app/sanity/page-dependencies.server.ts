import {AsyncLocalStorage} from 'node:async_hooks'

/**
 * What a page shows, recorded by the content readers while its loaders run, so that the page
 * cache (server/page-cache.ts) can evict exactly the pages a change touches. The tags:
 *
 * - `post:<id>`: the page shows that post (its own page, a listing's entry, a neighbour's link);
 * - `post-lists`: which posts the page lists, or in what order, depends on every post's
 *   address, date, author, categories, tags and stickiness (listings, feeds, sitemaps, and the
 *   post page's neighbours and related posts);
 * - `search`: search results, which any post's words can change;
 * - `comments:<postId>`: the post's approved comments (its page and its comments feed);
 * - `comments`: the newest approved comments on the whole blog.
 *
 * Settings, categories, authors, tags and pages are read by most pages and change rarely: a
 * change to one of them empties the whole cache (content-changes.server.ts).
 */
export const postTag = (id: string) => `post:${id}`
export const POST_LISTS = 'post-lists'
export const SEARCH = 'search'
export const commentsTag = (postId: string) => `comments:${postId}`
export const RECENT_COMMENTS = 'comments'

const recording = new AsyncLocalStorage<Set<string>>()

/** Runs a page's render, and answers with the tags its loaders recorded as well. */
export async function recordingPageDependencies<T>(render: () => Promise<T>): Promise<{result: T; dependencies: string[]}> {
  const tags = new Set<string>()
  const result = await recording.run(tags, render)
  return {result, dependencies: [...tags]}
}

/** Notes what the page being rendered shows; outside a render (a webhook, say) it does nothing. */
export function pageShows(...tags: string[]): void {
  const recorded = recording.getStore()
  for (const tag of tags) recorded?.add(tag)
}
