import {createHash} from 'node:crypto'
import type {SanityClient} from '@sanity/client'
import {z} from 'zod'
import {DOCUMENT_TYPES, FOLLOW_UPS_ID_PREFIX} from '../../contract/documents'

/**
 * Follow-up subscriptions as on WordPress.com (decision 0231): an address that confirmed it
 * wants them is emailed every newly approved comment on the posts it follows. The only module
 * that reads or writes them. One private document per address, made only when the address
 * itself confirms by its emailed link, so nobody else can make the site store anything.
 */

/** The most posts one address follows; the longest-followed go first. Bounds the document. */
export const MAX_FOLLOWED_POSTS = 200

const Followed = z.object({_id: z.string(), _rev: z.string(), email: z.string(), posts: z.array(z.string()).nullish()})

/** The address's key: stable across secret rotations, and the document id never shows the address. */
export function followerKey(email: string): string {
  return createHash('sha256').update(email.trim().toLowerCase()).digest('hex').slice(0, 40)
}

const documentId = (key: string) => `${FOLLOW_UPS_ID_PREFIX}${key}`

async function read(client: SanityClient, key: string) {
  const found = await client.getDocument(documentId(key))
  return found ? Followed.parse(found) : null
}

/** Whether the address confirmed once (it then follows further posts without another email). */
export async function isConfirmedFollower(client: SanityClient, email: string): Promise<boolean> {
  return (await read(client, followerKey(email))) !== null
}

/** What is kept about the address's follow-ups, for its owner's copy of their data. */
export async function readFollowUps(client: SanityClient, email: string): Promise<{confirmedAt: string; posts: string[]} | null> {
  const found = await client.getDocument(documentId(followerKey(email)))
  return found
    ? z
        .object({confirmedAt: z.string(), posts: z.array(z.string()).nullish()})
        .transform(({confirmedAt, posts}) => ({confirmedAt, posts: posts ?? []}))
        .parse(found)
    : null
}

/** Adds the post to what the (confirmed) address follows; the write is conditional on what was read. */
export async function followPost(client: SanityClient, email: string, postId: string, now = new Date()): Promise<void> {
  const key = followerKey(email)
  for (let attempt = 0; attempt < 5; attempt++) {
    const current = await read(client, key)
    const posts = [...(current?.posts ?? []).filter((id) => id !== postId), postId].slice(-MAX_FOLLOWED_POSTS)
    try {
      if (current) {
        await client.patch(current._id).ifRevisionId(current._rev).set({posts}).commit({visibility: 'sync'})
      } else {
        await client.create(
          {_id: documentId(key), _type: DOCUMENT_TYPES.followUps, email: email.trim(), confirmedAt: now.toISOString(), posts},
          {visibility: 'sync'},
        )
      }
      return
    } catch (error) {
      // Another request changed (or made) it between the read and the write: decide afresh.
      if ((error as {statusCode?: number}).statusCode !== 409) throw error
    }
  }
  throw new Error('Could not save a follow-up subscription: it kept changing.')
}

/** The addresses following the post. */
export async function followersOf(client: SanityClient, postId: string): Promise<{email: string; key: string}[]> {
  const found = await client.fetch(`*[_type == $type && $postId in posts]{email}`, {type: DOCUMENT_TYPES.followUps, postId}, {perspective: 'raw'})
  return z
    .array(z.object({email: z.string()}))
    .parse(found)
    .map(({email}) => ({email, key: followerKey(email)}))
}

/**
 * Stops follow-ups of one post, or (without `postId`) of every post, forgetting the address.
 * Returns the address, for stopping its other emails too, or null when nothing was stored.
 */
export async function unfollow(client: SanityClient, key: string, postId?: string): Promise<string | null> {
  const current = await read(client, key)
  if (!current) return null
  if (postId === undefined) await client.delete(current._id, {visibility: 'sync'})
  else if (current.posts?.includes(postId)) {
    await client
      .patch(current._id)
      .set({posts: current.posts.filter((id) => id !== postId)})
      .commit({visibility: 'sync'})
  }
  return current.email
}
