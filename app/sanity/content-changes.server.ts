import {DOCUMENT_TYPES} from '../../contract/documents'
import {getPublicClient} from './client.server'
import {commentsTag, POST_LISTS, postTag, RECENT_COMMENTS, SEARCH} from './page-dependencies.server'

/** The pages a change touched, by the tags of page-dependencies.server.ts, or every page. */
export type TouchedPages = readonly string[] | 'everything'

export interface ContentChangeHandlers {
  /** Connected (again): anything may have changed while away. */
  onLive(): void
  /** Published content changed: these pages show what changed. */
  onChange(touched: TouchedPages): void
  /** The stream dropped; it is being re-established. */
  onLost(): void
}

const RESUBSCRIBE_MS = 2000

type Doc = Record<string, unknown>
const refOf = (value: unknown) => (value as {_ref?: unknown} | undefined)?._ref

/** What decides which lists a post is in, and where: a change to any of it reorders or refills them. */
function listingFields(post: Doc | undefined): string {
  if (!post) return ''
  const slug = (post.slug as {current?: unknown} | undefined)?.current
  const categories = Array.isArray(post.categories) ? post.categories.map(refOf) : null
  return JSON.stringify([slug, post.publishedAt, refOf(post.author), categories, post.tags, post.sticky])
}

/**
 * The pages a change touched. A post's own text shows only where the post is shown; its
 * address, date, author, categories, tags or stickiness (or its arrival or removal) change
 * the lists. An approved comment (its public copy) shows on its post and in the comments
 * feeds. Anything else (settings, categories, authors, pages) is read by most pages: all go.
 */
export function pagesTouchedBy(event: {documentId: string; transition: string; result?: unknown; previous?: unknown}): TouchedPages {
  const after = event.result as Doc | undefined
  const before = (event.previous ?? undefined) as Doc | undefined
  const type = (after ?? before)?._type
  if (type === DOCUMENT_TYPES.post) {
    const relisted = event.transition !== 'update' || listingFields(before) !== listingFields(after)
    return [postTag(event.documentId), SEARCH, ...(relisted ? [POST_LISTS] : [])]
  }
  if (type === DOCUMENT_TYPES.publicComment) {
    const posts = new Set([refOf(after?.post), refOf(before?.post)].filter((id): id is string => typeof id === 'string'))
    if (posts.size === 0) return 'everything'
    return [...[...posts].map(commentsTag), RECENT_COMMENTS]
  }
  return 'everything'
}

/**
 * Follows every change to published content through the Content Lake's listen stream (the
 * same on the local lake and on Sanity's hosted API), with each document before and after, to
 * tell which pages it touched. Returns a function that stops it.
 */
export function watchContentChanges(handlers: ContentChangeHandlers): () => void {
  let subscription: {unsubscribe(): void} | undefined
  let timer: NodeJS.Timeout | undefined
  let stopped = false
  const subscribe = () => {
    subscription = getPublicClient()
      .listen(
        '*',
        {},
        {
          events: ['welcome', 'mutation', 'reconnect'],
          includeResult: true,
          includePreviousRevision: true,
          includeMutations: false,
          visibility: 'query',
          tag: 'site.page-cache',
        },
      )
      .subscribe({
        next: (event) => {
          if (event.type === 'welcome') handlers.onLive()
          else if (event.type === 'mutation') handlers.onChange(pagesTouchedBy(event))
          else if (event.type === 'reconnect') handlers.onLost()
        },
        error: () => {
          handlers.onLost()
          if (!stopped) timer = setTimeout(subscribe, RESUBSCRIBE_MS)
        },
      })
  }
  subscribe()
  return () => {
    stopped = true
    clearTimeout(timer)
    subscription?.unsubscribe()
  }
}
