/**
 * The document types the Studio schema defines and the site reads and writes, and the ids
 * with a fixed meaning. An id with a dot (`comment-private.…`) is private in the Content Lake:
 * token-less readers never see it, whatever they query.
 */
export const DOCUMENT_TYPES = {
  post: 'post',
  page: 'page',
  author: 'author',
  category: 'category',
  tag: 'tag',
  siteSettings: 'siteSettings',
  comment: 'comment',
  commentPrivate: 'commentPrivate',
  commentDraft: 'commentDraft',
  postAnnouncement: 'postAnnouncement',
} as const

/** The one Site settings document (the Studio structure pins its editor to this id). */
export const SITE_SETTINGS_ID = 'siteSettings'

/** A comment's private half (email, network-address hash, sealed spam-check details). */
export const COMMENT_PRIVATE_ID_PREFIX = 'comment-private.'

export function commentPrivateId(commentId: string): string {
  return `${COMMENT_PRIVATE_ID_PREFIX}${commentId}`
}

/** A reader's comment kept while they log in (sealed; deleted after a day). */
export const COMMENT_DRAFT_ID_PREFIX = 'comment-draft.'

/** The marker that a post's "new post" email went out (created once per post). */
export const POST_ANNOUNCEMENT_ID_PREFIX = 'post-announced.'

/** The one-time secrets Studio's "Preview on site" action writes for the site to redeem. */
export const PREVIEW_SECRET_ID_PREFIX = 'preview-secret.'

/** Site settings › Time zone when an editor never set one: dates and addresses are made in it. */
export const DEFAULT_TIME_ZONE = 'America/New_York'
