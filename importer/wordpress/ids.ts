/**
 * Document ids made from WordPress's own ids, so a second run finds what the first wrote.
 * Comments keep WordPress's number (`comment-123`): the site gives a comment's element its
 * id, so the old anchors `#comment-123` still reach it.
 */
const safe = (value: string) =>
  value
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, '-')
    .replace(/^-+|-+$/g, '') || 'unnamed'

export const wordpressIds = {
  post: (id: string) => `wp-post-${safe(id)}`,
  page: (id: string) => `wp-page-${safe(id)}`,
  author: (login: string) => `wp-author-${safe(login)}`,
  category: (slug: string) => `wp-category-${safe(slug)}`,
  tag: (slug: string) => `wp-tag-${safe(slug)}`,
  comment: (id: string) => `comment-${safe(id)}`,
}
