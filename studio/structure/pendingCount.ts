import {distinctUntilChanged, map, type Observable} from 'rxjs'
import type {DocumentStore} from 'sanity'

/**
 * How many comments wait for a moderator. Comments are published documents written by the
 * site's server, so the published perspective counts each once (a moderator's unpublished
 * draft of one would otherwise count twice). The listener watches every comment, not only
 * pending ones, so that a comment leaving or entering Pending triggers a recount either way.
 */
export const PENDING_COUNT_QUERY = {
  fetch: 'count(*[_type == "comment" && status == "pending"])',
  listen: '*[_type == "comment"]',
} as const

/** The live number of pending comments, recounted (at most once a second) when a comment changes. */
export function pendingCommentCount(documentStore: Pick<DocumentStore, 'listenQuery'>): Observable<number> {
  return documentStore.listenQuery(PENDING_COUNT_QUERY, {}, {perspective: 'published', tag: 'comments.pending-count'}).pipe(
    map((count: unknown) => (typeof count === 'number' ? count : 0)),
    distinctUntilChanged(),
  )
}

/** The Pending list's title with its count, e.g. "Pending (3)". */
export function withCount(title: string, count: number): string {
  return `${title} (${count})`
}
