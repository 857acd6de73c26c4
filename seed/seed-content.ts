import type {SanityClient} from '@sanity/client'
import {seedDocuments} from './life-in-balance'

export type SeedOutcome = 'seeded' | 'already-present' | 'partly-present'

/**
 * Puts the blog's first content into an empty dataset. Once any of it exists the dataset
 * belongs to the editors: a restart never recreates what they deleted or overwrites what
 * they changed.
 */
async function existingIds(client: SanityClient, ids: string[]): Promise<string[]> {
  try {
    return await client.fetch<string[]>('*[_id in $ids]._id', {ids}, {perspective: 'raw'})
  } catch (error) {
    // A new local lake has no dataset until the first write creates it: nothing exists yet.
    if ((error as {statusCode?: unknown}).statusCode === 404) return []
    throw error
  }
}

export async function seedContent(client: SanityClient): Promise<SeedOutcome> {
  const ids = seedDocuments.flatMap((doc) => [doc._id, `drafts.${doc._id}`])
  const existing = await existingIds(client, ids)
  if (existing.length > 0) {
    const present = new Set(existing.map((id) => id.replace(/^drafts\./, '')))
    return present.size === seedDocuments.length ? 'already-present' : 'partly-present'
  }
  // One transaction, and createIfNotExists, so that two starts racing each other can't clash.
  const transaction = client.transaction()
  for (const doc of seedDocuments) transaction.createIfNotExists(doc)
  await transaction.commit({visibility: 'sync'})
  return 'seeded'
}
