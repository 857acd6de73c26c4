/** Comments as readers see them: threads in the order they were written, to a maximum depth. */

export interface ShownComment {
  id: string
  parentId?: string
  authorName: string
  authorWebsite?: string
  provider: string
  body: string
  submittedAt: string
  /** Only ever true for the reader's own comment, shown to them alone. */
  awaitingModeration: boolean
  /** The reader's own comment, held because they may be in crisis: shown with where to get help. */
  needsCare?: boolean
  /** Written by the post's author: shown with a "Post author" badge and their credentials. */
  byPostAuthor?: boolean
  /** The reader's own comment, which they may edit or delete until then (ISO time). */
  changeableUntil?: string
  /** Stands in for a comment no longer shown (deleted by its writer, removed or held by a moderator) that has replies. */
  removed?: true
}

/** Where a comment with shown replies was, so its replies keep their place in the conversation. */
function removedComment(id: string, at: string): ShownComment {
  return {id, authorName: '', provider: 'guest', body: '', submittedAt: at, awaitingModeration: false, removed: true}
}

export interface ThreadNode {
  comment: ShownComment
  depth: number
  replies: ThreadNode[]
}

/**
 * Nests replies under their parents, oldest first at every level. Replies deeper than
 * `maxDepth` join their deepest allowed ancestor's replies (as WordPress does), and a reply
 * whose parent is not shown (deleted, removed, or held) stays under a stand-in that says so,
 * so it is never hidden and still reads as an answer.
 */
export function buildThreads(comments: ShownComment[], maxDepth: number): ThreadNode[] {
  const sorted = [...comments].sort((a, b) => a.submittedAt.localeCompare(b.submittedAt))
  const nodes = new Map<string, ThreadNode>()
  // Where each node was placed, which differs from its parent when it was lifted.
  const placedUnder = new Map<ThreadNode, ThreadNode>()
  const roots: ThreadNode[] = []
  for (const comment of sorted) nodes.set(comment.id, {comment, depth: 1, replies: []})
  for (const comment of sorted) {
    const node = nodes.get(comment.id)!
    let parent = comment.parentId ? nodes.get(comment.parentId) : undefined
    // A parent written later than its reply means bad data; don't let it hide the reply.
    if (parent && parent.comment.submittedAt > comment.submittedAt) parent = undefined
    else if (!parent && comment.parentId && maxDepth > 1) {
      parent = {comment: removedComment(comment.parentId, comment.submittedAt), depth: 1, replies: []}
      nodes.set(comment.parentId, parent)
      roots.push(parent)
    }
    if (!parent || maxDepth <= 1) {
      roots.push(node)
      continue
    }
    while (parent.depth >= maxDepth) parent = placedUnder.get(parent)!
    node.depth = parent.depth + 1
    parent.replies.push(node)
    placedUnder.set(node, parent)
  }
  return roots
}

export function countComments(threads: ThreadNode[]): number {
  return threads.reduce((sum, node) => sum + 1 + countComments(node.replies), 0)
}

export interface ThreadPage {
  threads: ThreadNode[]
  page: number
  pageCount: number
}

/**
 * Pages of whole threads holding about `perPage` comments each: a thread is never split, so a
 * reply is always on its parent's page.
 */
export function paginateThreads(threads: ThreadNode[], perPage: number, requested: number): ThreadPage {
  const pages: ThreadNode[][] = [[]]
  let onPage = 0
  for (const thread of threads) {
    const size = countComments([thread])
    if (onPage > 0 && onPage + size > perPage) {
      pages.push([])
      onPage = 0
    }
    pages.at(-1)!.push(thread)
    onPage += size
  }
  const page = Math.min(Math.max(1, Math.trunc(requested) || 1), pages.length)
  return {threads: pages[page - 1]!, page, pageCount: pages.length}
}

/** The page a comment is on, so links to it (emails, redirects) can land on the right page. */
export function pageOfComment(threads: ThreadNode[], perPage: number, id: string): number {
  const {pageCount} = paginateThreads(threads, perPage, 1)
  for (let page = 1; page <= pageCount; page++) {
    if (contains(paginateThreads(threads, perPage, page).threads, id)) return page
  }
  return 1
}

function contains(threads: ThreadNode[], id: string): boolean {
  return threads.some((node) => node.comment.id === id || contains(node.replies, id))
}
