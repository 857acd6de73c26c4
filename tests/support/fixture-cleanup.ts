import type {SanityClient} from '@sanity/client'

/**
 * Removes posts a test made on the shared stack, with their comments and everything private
 * that hangs off them, so the tests that count posts, archives and feed items after it see
 * only their own fixtures.
 */
export async function removeFixturePosts(client: SanityClient, postIds: string[]): Promise<void> {
  // Comment records and their public copies (`comment-private.<id>` and `<id>`).
  const recordIds = await client.fetch<string[]>('*[_type == "comment" && post._ref in $ids]._id', {ids: postIds}, {perspective: 'raw'})
  const commentIds = recordIds.map((id) => id.replace(/^comment-private\./, ''))
  const ids = [...recordIds, ...commentIds, ...postIds.flatMap((id) => [id, `drafts.${id}`, `post-announced.${id}`])]
  await client.delete({query: '*[_id in $ids]', params: {ids}})
}
