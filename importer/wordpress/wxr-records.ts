/**
 * What a WordPress export (WXR) holds, as the reader hands it on: one record per author,
 * term and item, in file order, with WordPress's own field values (strings, as exported).
 */

export interface WxrSite {
  kind: 'site'
  title: string
  link: string
  description: string
  language: string
  baseSiteUrl: string
  baseBlogUrl: string
  wxrVersion: string
}

export interface WxrAuthor {
  kind: 'author'
  id: string
  login: string
  email: string
  displayName: string
  firstName: string
  lastName: string
}

export interface WxrTerm {
  kind: 'category' | 'tag'
  slug: string
  name: string
  description: string
  /** A category's parent, by slug. */
  parent: string
}

export interface WxrComment {
  id: string
  author: string
  email: string
  url: string
  ip: string
  date: string
  dateGmt: string
  content: string
  /** '1', '0' (held), 'spam', 'trash' or 'post-trashed'. */
  approved: string
  /** '' or 'comment' for a comment; 'pingback', 'trackback', or a plugin's own type. */
  type: string
  parent: string
  userId: string
}

export interface WxrItem {
  kind: 'item'
  /** The line the item starts on, for messages. */
  line: number
  id: string
  title: string
  link: string
  guid: string
  creator: string
  content: string
  excerpt: string
  postDate: string
  postDateGmt: string
  commentStatus: string
  slug: string
  status: string
  parent: string
  type: string
  sticky: string
  attachmentUrl: string
  terms: {domain: string; slug: string; name: string}[]
  meta: {key: string; value: string}[]
  comments: WxrComment[]
}

export type WxrRecord = WxrSite | WxrAuthor | WxrTerm | WxrItem

export function metaValues(item: WxrItem, key: string): string[] {
  return item.meta.filter((meta) => meta.key === key).map((meta) => meta.value)
}
