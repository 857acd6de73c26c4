import type {SanityClient} from '@sanity/client'
import {hashNetworkAddress} from '~/security/network-address.server'
import {importWordPress} from '../importer/wordpress/import-wordpress'
import {PREVIOUS_SEED_IDS, SEED_EXPORT, seedDocuments, seedExtras} from './life-in-balance'

export type SeedOutcome = 'seeded' | 'already-present' | 'partly-present'

/**
 * Puts the blog's first content into an empty dataset, through the WordPress importer. Once
 * any of it exists the dataset belongs to the editors: a restart never recreates what they
 * deleted or overwrites what they changed.
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
  const existing = await existingIds(client, [...ids, ...PREVIOUS_SEED_IDS])
  if (existing.some((id) => PREVIOUS_SEED_IDS.includes(id))) return 'already-present'
  if (existing.length > 0) {
    const present = new Set(existing.map((id) => id.replace(/^drafts\./, '')))
    return present.size === seedDocuments.length ? 'already-present' : 'partly-present'
  }
  // The importer creates only what is not there (two starts racing each other can't clash).
  await importWordPress({file: SEED_EXPORT, client, hashAddress: (address) => hashNetworkAddress(address)})
  const transaction = client.transaction()
  for (const [id, extras] of Object.entries(seedExtras)) transaction.patch(id, (patch) => patch.setIfMissing(extras))
  await transaction.commit({visibility: 'sync'})
  return 'seeded'
}
