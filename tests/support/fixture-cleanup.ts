import type {SanityClient} from '@sanity/client'

/**
 * Removes posts a test made on the shared stack, with their comments and everything private
 * that hangs off them, so the tests that count posts, archives and feed items after it see
 * only their own fixtures.
 */
export async function removeFixturePosts(client: SanityClient, postIds: string[]): Promise<void> {
  const commentIds = await client.fetch<string[]>('*[_type == "comment" && post._ref in $ids]._id', {ids: postIds})
  const ids = [...commentIds.flatMap((id) => [id, `comment-private.${id}`]), ...postIds.flatMap((id) => [id, `drafts.${id}`, `post-announced.${id}`])]
  await client.delete({query: '*[_id in $ids]', params: {ids}})
}
