import {PREVIEW_SECRET_ID_PREFIX} from '../../contract/documents'

/**
 * The site's preview hand-off, kept free of Studio imports so it can be tested on its own:
 * Studio writes a one-time secret for the post to the lake (with the editor's own access; the
 * `preview-secret.` id is private, so the public can never read it) and opens the site's
 * `/preview/start`, which trades it for a signed, expiring preview link.
 */

/** Minutes the site has to redeem the secret: it is used within a second of being written. */
const SECRET_LIFETIME_MS = 10 * 60 * 1000

export interface SecretWriter {
  create(document: {_id: string; _type: string; secret: string; documentId: string; expiresAt: string}): Promise<unknown>
}

function base64url(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '')
}

/** Writes the secret and returns the site address that redeems it. */
export async function createPreviewLink(client: SecretWriter, documentId: string, siteUrl: string, now = Date.now()): Promise<string> {
  const secret = base64url(crypto.getRandomValues(new Uint8Array(32)))
  const id = `${PREVIEW_SECRET_ID_PREFIX}${crypto.randomUUID()}`
  await client.create({
    _id: id,
    _type: 'sitePreviewSecret',
    secret,
    documentId: documentId.replace(/^drafts\./, ''),
    expiresAt: new Date(now + SECRET_LIFETIME_MS).toISOString(),
  })
  const start = new URL('/preview/start/', siteUrl)
  start.searchParams.set('id', id)
  start.searchParams.set('secret', secret)
  return start.href
}
