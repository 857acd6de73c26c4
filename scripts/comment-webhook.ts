import {PUBLIC_SOURCE_FIELDS} from '../contract/comment-record'
import {writeLakeSettingsFile} from './lake-settings-file'

/**
 * The local lake's webhooks file for `npm start`: the comment-status webhook (a comment's
 * record changed → the site makes its public copy match, and when its status changed reports
 * to Akismet and tells the commenter), the post-published
 * webhook (a post is published for the first time → the site emails readers who asked for new
 * posts), plus any webhooks of the developer's own from CONTENT_LAKE_WEBHOOKS_FILE. On hosted
 * Sanity the same webhooks are set up at sanity.io/manage (see the README).
 */

export const COMMENT_STATUS_WEBHOOK = {
  name: 'comment-status',
  // Records have private ids (a dot), which webhooks skip unless asked, like drafts; Studio's
  // drafts of them are left out by the filter, and so are the site's own markers (emails sent,
  // links used): only a change that may change what is public, or a deletion, is delivered.
  filter: `_type == "comment" && !(_id in path("drafts.**")) && (delta::operation() == "delete" || delta::changedAny((${PUBLIC_SOURCE_FIELDS.join(', ')})))`,
  projection: '{_id, "status": after().status, "previousStatus": before().status}',
  on: ['update', 'delete'],
  includeDrafts: true,
} as const

/** A post that has just become published: created with a date, or given one now. */
export const POST_PUBLISHED_WEBHOOK = {
  name: 'post-published',
  filter: '_type == "post" && defined(publishedAt) && !defined(before().publishedAt)',
  projection: '{_id}',
  on: ['create', 'update'],
} as const

const SITE_WEBHOOKS = [
  {...COMMENT_STATUS_WEBHOOK, path: '/hooks/comment-status'},
  {...POST_PUBLISHED_WEBHOOK, path: '/hooks/post-published'},
]

/** Writes `<dataDir>/content-lake-webhooks.json` and returns its path. */
export function writeLakeWebhooks(dataDir: string, {siteOrigin, secret, ownFile}: {siteOrigin: string; secret: string; ownFile?: string}): string {
  return writeLakeSettingsFile(
    dataDir,
    'content-lake-webhooks.json',
    {setting: 'CONTENT_LAKE_WEBHOOKS_FILE', ownFile},
    SITE_WEBHOOKS.map(({path: sitePath, ...webhook}) => ({...webhook, url: new URL(sitePath, siteOrigin).href, secret})),
  )
}

/** Where the lake, on this machine, reaches the site: HOST if the site listens on one address. */
export function siteOriginForLake(host: string | undefined, port: number): string {
  if (!host || host === '0.0.0.0' || host === '::') return `http://127.0.0.1:${port}`
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}`
}
