import {distinctUntilChanged, map, type Observable} from 'rxjs'
import type {DocumentStore} from 'sanity'
import {NEEDS_CARE} from '../../contract/comments'

/** Comments waiting for a moderator. */
export const PENDING_FILTER = '_type == "comment" && status == "pending"'

/**
 * Pending comments the site held because they may come from a reader in crisis: their hold
 * reason starts with the contract's marker (the pipeline writes it first, decision 0190).
 */
export const NEEDS_CARE_FILTER = `${PENDING_FILTER} && string::startsWith(spamReason, $needsCare)`
export const NEEDS_CARE_PARAMS = {needsCare: NEEDS_CARE}

/**
 * Comments are published documents written by the site's server, so the published perspective
 * counts each once (a moderator's unpublished draft of one would otherwise count twice). The
 * listener watches every comment, not only the counted ones, so that a comment leaving or
 * entering a list triggers a recount either way.
 */
function liveCount(documentStore: Pick<DocumentStore, 'listenQuery'>, filter: string, params: Record<string, string>, tag: string): Observable<number> {
  return documentStore.listenQuery({fetch: `count(*[${filter}])`, listen: '*[_type == "comment"]'}, params, {perspective: 'published', tag}).pipe(
    map((count: unknown) => (typeof count === 'number' ? count : 0)),
    distinctUntilChanged(),
  )
}

/** The live number of pending comments, recounted (at most once a second) when a comment changes. */
export function pendingCommentCount(documentStore: Pick<DocumentStore, 'listenQuery'>): Observable<number> {
  return liveCount(documentStore, PENDING_FILTER, {}, 'comments.pending-count')
}

/** The live number of comments that need care, recounted like the pending count. */
export function needsCareCommentCount(documentStore: Pick<DocumentStore, 'listenQuery'>): Observable<number> {
  return liveCount(documentStore, NEEDS_CARE_FILTER, NEEDS_CARE_PARAMS, 'comments.needs-care-count')
}

/** A list's title with its count, e.g. "Pending (3)". */
export function withCount(title: string, count: number): string {
  return `${title} (${count})`
}
