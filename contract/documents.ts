/**
 * The document types the Studio schema defines and the site reads and writes, and the ids
 * with a fixed meaning. An id with a dot (`comment-private.…`) is private in the Content Lake
 * and on hosted Sanity: token-less readers never see it, whatever they query.
 */
export const DOCUMENT_TYPES = {
  post: 'post',
  page: 'page',
  author: 'author',
  category: 'category',
  tag: 'tag',
  siteSettings: 'siteSettings',
  /** A comment's record: everything about it, private (see COMMENT_RECORD_ID_PREFIX). */
  comment: 'comment',
  /** The public copy of an approved comment: only what readers see (contract/public-comment.ts). */
  publicComment: 'publicComment',
  /** One moderation decision: who moved which comment from what to what, when and why. */
  commentAudit: 'commentAudit',
  commentDraft: 'commentDraft',
  postAnnouncement: 'postAnnouncement',
  /** A confirmed address's follow-up subscriptions: the posts whose new comments it is emailed (private). */
  followUps: 'followUps',
  /** A moderator's ban or trust of a commenter by account, email or network (private, decision 0235). */
  commenterRule: 'commenterRule',
} as const

/** The one Site settings document (the Studio structure pins its editor to this id). */
export const SITE_SETTINGS_ID = 'siteSettings'

/**
 * A comment's record (`comment-private.<commentId>`): its text, name, status and reasons with
 * the commenter's email, address hash and sealed spam-check details. The comment's own id
 * (`comment-<uuid>`, its anchor on the page) is the id of its public copy, which exists only
 * while the comment is approved.
 */
export const COMMENT_RECORD_ID_PREFIX = 'comment-private.'

export function commentRecordId(commentId: string): string {
  return commentId.startsWith(COMMENT_RECORD_ID_PREFIX) ? commentId : `${COMMENT_RECORD_ID_PREFIX}${commentId}`
}

/** The comment id a record id (or its Studio draft's id) belongs to. */
export function commentIdOfRecord(recordId: string): string {
  const published = recordId.replace(/^drafts\./, '')
  return published.startsWith(COMMENT_RECORD_ID_PREFIX) ? published.slice(COMMENT_RECORD_ID_PREFIX.length) : published
}

/** A moderation audit entry (private, only ever created). */
export const COMMENT_AUDIT_ID_PREFIX = 'comment-audit.'

/** A reader's comment kept while they log in (sealed; deleted after a day). */
export const COMMENT_DRAFT_ID_PREFIX = 'comment-draft.'

/** The marker that a post's "new post" email went out (created once per post). */
export const POST_ANNOUNCEMENT_ID_PREFIX = 'post-announced.'

/** An address's follow-up subscriptions (`follow-ups.<sha-256 of the address>`): private, made only by a confirmed address. */
export const FOLLOW_UPS_ID_PREFIX = 'follow-ups.'

/** A ban or trust rule (`commenter-rule.<hash of what it matches>`): private, one per identity, so a new choice replaces the old. */
export const COMMENTER_RULE_ID_PREFIX = 'commenter-rule.'

/** The one-time secrets Studio's "Preview on site" action writes for the site to redeem. */
export const PREVIEW_SECRET_ID_PREFIX = 'preview-secret.'

/** Site settings › Time zone when an editor never set one: dates and addresses are made in it. */
export const DEFAULT_TIME_ZONE = 'America/New_York'
