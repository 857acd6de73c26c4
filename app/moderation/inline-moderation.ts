/**
 * What the post page's inline moderation shares between the server and the page (no secrets):
 * moderators named in Site settings see the post's held comments with Approve / Spam / Trash,
 * whose forms post to the post page's action with `intent=moderate`.
 */
export const MODERATE_INTENT = 'moderate'

// Spam piles up (it is kept SPAM_RETENTION_DAYS): the page lists the newest; Studio has them all.
export const SPAM_SHOWN = 50

export const INLINE_DECISIONS = ['approved', 'spam', 'trash'] as const
export type InlineDecision = (typeof INLINE_DECISIONS)[number]

/** A comment waiting on this post, as only a moderator sees it. */
export interface HeldComment {
  id: string
  parentId?: string
  authorName: string
  authorWebsite?: string
  provider: string
  body: string
  submittedAt: string
  status: 'pending' | 'spam'
  /** Why it was held or judged spam (the rules' or the spam check's words). */
  reason?: string
}

export interface HeldCommentsData {
  pending: HeldComment[]
  spam: HeldComment[]
  /** Bound to the moderator's session: a page served to someone else can't be replayed. */
  token: string
}

/** What a refused moderation post answers, shown beside the comment's buttons. */
export interface ModerationFailure {
  moderation: {commentId: string; message: string}
}
