/**
 * A comment's own pages live under `/comment/<name>/`, where `<name>` is its id without
 * `comment-`: the address itself (a redirect to the comment on its post), and its report,
 * edit and delete pages. One place reads and writes those addresses.
 */

/** The comment id an address names, or null when `<name>` cannot be one. */
export function commentIdFromPage(name: string | undefined): string | null {
  return name && /^[A-Za-z0-9_-]{1,80}$/.test(name) ? `comment-${name}` : null
}

/** A comment's page: `/comment/<name>/`, or one of its pages below it. */
export function commentPagePath(commentId: string, page?: 'report' | 'edit' | 'delete'): string {
  return `/comment/${commentId.replace(/^comment-/, '')}/${page ? `${page}/` : ''}`
}
