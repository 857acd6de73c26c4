import fs from 'node:fs'
import path from 'node:path'

/**
 * The local lake's webhooks file for `npm start`: the comment-status webhook (a comment's
 * status changed → the site reports to Akismet and tells the commenter), plus any webhooks
 * of the developer's own from CONTENT_LAKE_WEBHOOKS_FILE. On hosted Sanity the same webhook
 * is set up at sanity.io/manage (see the README).
 */

export const COMMENT_STATUS_WEBHOOK = {
  name: 'comment-status',
  filter: '_type == "comment" && delta::changedAny(status)',
  projection: '{_id, status, "previousStatus": before().status}',
  on: ['update'],
} as const

/** Writes `<dataDir>/content-lake-webhooks.json` and returns its path. */
export function writeLakeWebhooks(
  dataDir: string,
  {siteOrigin, secret, ownFile}: {siteOrigin: string; secret: string; ownFile?: string},
): string {
  const own = ownFile ? (JSON.parse(fs.readFileSync(ownFile, 'utf8')) as Array<{name?: string}>) : []
  if (!Array.isArray(own)) throw new Error(`CONTENT_LAKE_WEBHOOKS_FILE (${ownFile}) must hold a JSON array of webhooks.`)
  const webhooks = [
    ...own.filter((webhook) => webhook.name !== COMMENT_STATUS_WEBHOOK.name),
    {...COMMENT_STATUS_WEBHOOK, url: new URL('/hooks/comment-status', siteOrigin).href, secret},
  ]
  fs.mkdirSync(dataDir, {recursive: true})
  const file = path.join(dataDir, 'content-lake-webhooks.json')
  // It holds the secret: readable by this user only.
  fs.writeFileSync(file, `${JSON.stringify(webhooks, null, 2)}\n`, {mode: 0o600})
  fs.chmodSync(file, 0o600)
  return file
}

/** Where the lake, on this machine, reaches the site: HOST if the site listens on one address. */
export function siteOriginForLake(host: string | undefined, port: number): string {
  if (!host || host === '0.0.0.0' || host === '::') return `http://127.0.0.1:${port}`
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}`
}
