import type {SanityClient} from '@sanity/client'

// Bounded transactions: a backlog is deleted a batch at a time.
const BATCH = 200

/** Deletes every document `query` finds (it selects ids and takes `$batch`); returns how many it found. */
export async function deleteInBatches(client: SanityClient, query: string, params: Record<string, unknown>): Promise<number> {
  let deleted = 0
  for (;;) {
    const ids = await client.fetch<string[]>(query, {...params, batch: BATCH}, {perspective: 'raw'})
    if (ids.length === 0) return deleted
    const transaction = client.transaction()
    for (const id of ids) transaction.delete(id)
    await transaction.commit({visibility: 'sync'})
    deleted += ids.length
    if (ids.length < BATCH) return deleted
  }
}
