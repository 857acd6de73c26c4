import type {SanityClient} from '@sanity/client'
import type {AkismetCommentParams} from '~/comments/akismet.server'
import {derivedKeys} from '~/security/keys.server'
import {seal} from '~/security/sealed.server'
import {POST_ID} from '../../seed/life-in-balance'

/** The seeded original post's address, where these comments are held. */
export const ORIGINAL_POST_PATH = '/2013/07/25/hold-on-we-dont-do-that-sex-therapy-v-sexual-surrogacy/'

export interface HeldComment {
  /** The comment's id (its record is `comment-private.<id>`). */
  id: string
  author: string
  body: string
}

/**
 * A held comment's record on the original post, as the site's comment store writes it: the
 * spam check's exact parameters sealed with the site's kept session secret, so the site can
 * report it to Akismet when a moderator decides. `body` may say what a test searches for.
 */
export async function storeHeldComment(
  lake: SanityClient,
  {siteUrl, sessionSecret, label, body}: {siteUrl: string; sessionSecret: string; label: string; body?: string},
): Promise<HeldComment> {
  const stamp = `${Date.now()}${Math.floor(Math.random() * 1000)}`
  const id = `comment-${label}${stamp}`
  const author = `Reader ${label} ${stamp}`
  const text = body ?? `A comment for the moderator (${label} ${stamp}).`
  const checked: AkismetCommentParams = {
    user_ip: '198.51.100.7',
    user_agent: 'Mozilla/5.0 (studio e2e)',
    permalink: `${siteUrl}${ORIGINAL_POST_PATH}`,
    comment_type: 'comment',
    comment_author: author,
    comment_author_email: `${label}${stamp}@example.com`,
    comment_content: text,
    comment_date_gmt: new Date().toISOString(),
  }
  await lake.create(
    {
      _id: `comment-private.${id}`,
      _type: 'comment',
      status: 'pending',
      post: {_type: 'reference', _ref: POST_ID, _weak: true},
      authorName: author,
      provider: 'guest',
      body: text,
      spamVerdict: 'unchecked',
      spamReason: 'Held for moderation',
      submittedAt: new Date().toISOString(),
      email: checked.comment_author_email,
      networkAddressHash: 'keyed-hash-of-the-address',
      userAgent: checked.user_agent,
      notifyReplies: false,
      notifyPosts: false,
      akismetCheck: seal(checked, derivedKeys('sealed-record', [sessionSecret])),
    },
    {visibility: 'sync'},
  )
  return {id, author, body: text}
}
