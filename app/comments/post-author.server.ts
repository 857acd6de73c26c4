import {authorProfilesOf, getModerators} from '~/auth/moderators.server'
import type {ReaderIdentity} from '../../contract/identity'
import type {PostForComments} from './comment-pipeline.server'

/**
 * Whether a signed-in reader is the post's author: a moderator whose entry in Site settings
 * says they write posts as the post's author profile. Read afresh for every comment, so a
 * change in Site settings counts at once.
 */
export async function isPostAuthor(identity: ReaderIdentity | undefined, post: PostForComments): Promise<boolean> {
  if (!identity || !post.authorId) return false
  return authorProfilesOf(identity, await getModerators()).includes(post.authorId)
}
