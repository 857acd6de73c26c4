import {timingSafeEqual} from 'node:crypto'
import type {SanityClient} from '@sanity/client'
import {z} from 'zod'
import {getEnv, sanityConnection} from '~/env.server'
import {createSanityClient} from './client.server'
import {postPageView} from './content.server'
import {POST_PREVIEW_QUERY} from './queries'

/**
 * Editors' previews of drafts. Only the server holds a token that can read drafts; it uses it
 * for a post named in a signed preview link, and never for a public page.
 */

let previewClient: SanityClient | null | undefined

function getPreviewClient(): SanityClient | null {
  if (previewClient === undefined) {
    const env = getEnv()
    const token = env.SANITY_API_READ_TOKEN ?? env.SANITY_API_WRITE_TOKEN
    previewClient = token ? createSanityClient(sanityConnection(env), token) : null
  }
  return previewClient
}

/** The prefix of the one-time secrets Studio's "Preview on site" action writes (a private id: not publicly readable). */
export const PREVIEW_SECRET_PREFIX = 'preview-secret.'

const Secret = z.object({secret: z.string(), documentId: z.string(), expiresAt: z.string()})

/**
 * Checks a secret Studio wrote for one post, and uses it up: whoever could write it may see
 * drafts. Returns the post's (published) id, or null.
 */
export async function redeemPreviewSecret(secretId: string, secret: string, now = new Date()): Promise<string | null> {
  const client = getPreviewClient()
  if (!client || !secretId.startsWith(PREVIEW_SECRET_PREFIX)) return null
  const stored = await client.fetch(`*[_id == $id][0]{secret, documentId, expiresAt}`, {id: secretId}, {perspective: 'raw'})
  const parsed = Secret.safeParse(stored)
  if (!parsed.success) return null
  // One use only, and secrets nobody redeemed are swept up on the way; a read-only token
  // leaves them to expire instead.
  if (getEnv().SANITY_API_WRITE_TOKEN) {
    await client.delete({query: '*[_id == $id || (_id in path("preview-secret.**") && expiresAt < now())]', params: {id: secretId}}).catch(() => undefined)
  }
  const given = Buffer.from(secret)
  const expected = Buffer.from(parsed.data.secret)
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null
  if (new Date(parsed.data.expiresAt) <= now) return null
  return parsed.data.documentId.replace(/^drafts\./, '')
}

/** A post as its editor sees it now: the draft laid over the published version. */
export async function getPostPreview(id: string) {
  const client = getPreviewClient()
  if (!client) return null
  return postPageView(await client.fetch(POST_PREVIEW_QUERY, {id}, {perspective: 'drafts'}))
}
