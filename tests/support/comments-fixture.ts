import type {SanityClient} from '@sanity/client'
import {type LakeProcess, startLakeProcess, TEST_TOKEN} from '../../content-lake/test/lake-process'
import {type MailCatcher, startMailCatcher} from '../../stand-ins/mail/mail-catcher'
import type {CaughtMessage} from '../../stand-ins/mail/message-store'
import {saveComment} from '~/sanity/comments.server'

/**
 * A real lake and a real SMTP mail catcher for the site's server code, with the environment
 * the site would get from `npm start`. Call before anything reads the environment.
 */
export interface CommentsWorld {
  lake: LakeProcess
  mail: MailCatcher
  client: SanityClient
  siteUrl: string
  stop(): Promise<void>
}

export const POST = {
  _id: 'post-fixture',
  _type: 'post',
  title: 'Fixture post about sleep',
  slug: {_type: 'slug', current: 'fixture-post'},
  publishedAt: '2024-03-05T15:00:00Z',
}
/** POST's address on the site (dated in the blog's time zone, New York). */
export const POST_PATH = '/2024/03/05/fixture-post/'

export async function startCommentsWorld({notifyEmails = ['moderator@example.com']}: {notifyEmails?: string[]} = {}): Promise<CommentsWorld> {
  const [lake, mail] = await Promise.all([startLakeProcess(), startMailCatcher()])
  const siteUrl = 'http://localhost:3999'
  Object.assign(process.env, {
    NODE_ENV: 'test',
    SITE_URL: siteUrl,
    CONTENT_LAKE_URL: lake.url,
    SANITY_API_WRITE_TOKEN: TEST_TOKEN,
    SESSION_SECRET: 'a-test-session-secret-of-at-least-32-characters',
    SMTP_URL: mail.smtpUrl,
  })
  const client = lake.client()
  await client
    .transaction()
    .createOrReplace({
      _id: 'siteSettings',
      _type: 'siteSettings',
      title: 'Fixture Blog',
      timeZone: 'America/New_York',
      moderation: {mode: 'holdAll', notifyEmails},
    })
    .createOrReplace(POST)
    .commit({visibility: 'sync'})
  return {
    lake,
    mail,
    client,
    siteUrl,
    stop: async () => {
      await Promise.all([lake.stop(), mail.close()])
    },
  }
}

export interface FixtureComment {
  id: string
  status?: 'pending' | 'approved' | 'spam' | 'trash'
  email?: string
  name?: string
  body?: string
  parentId?: string
  notifyReplies?: boolean
  notifyPosts?: boolean
  spamReason?: string
  /** Defaults to the fixture's POST. */
  postId?: string
}

/** A comment stored by the site's own comment store (its record, and its public copy when approved). */
export async function createComment(client: SanityClient, comment: FixtureComment): Promise<void> {
  await saveComment(client, {
    id: comment.id,
    post: {_id: comment.postId ?? POST._id},
    submission: {
      name: comment.name ?? 'Reader',
      email: comment.email ?? 'reader@example.com',
      website: 'https://reader.example',
      body: comment.body ?? 'A thoughtful comment.',
      ...(comment.parentId ? {parentId: comment.parentId} : {}),
      notifyReplies: comment.notifyReplies ?? false,
      notifyPosts: comment.notifyPosts ?? false,
    },
    status: comment.status ?? 'pending',
    spamVerdict: 'ham',
    reasons: comment.spamReason ? [comment.spamReason] : [],
    submittedAt: new Date(),
    networkAddressHash: 'keyed-hash-of-the-address',
    userAgent: 'Fixture/1.0',
  })
}

/**
 * The catcher's messages to `address`, waiting (briefly) until there are at least `count`;
 * `count` 0 answers at once, for checking that nothing was sent.
 */
export async function mailTo(mail: MailCatcher, address: string, count = 1): Promise<CaughtMessage[]> {
  const deadline = Date.now() + 10_000
  for (;;) {
    const messages = mail.store.list().filter((message) => message.to.includes(address.toLowerCase()))
    if (messages.length >= count || Date.now() > deadline) return messages
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

/** The links in a message's text, by their label ("Approve: https://…"). */
export function linkLabelled(message: CaughtMessage, label: string): string {
  const match = new RegExp(`^${label}: (\\S+)$`, 'm').exec(message.text)
  if (!match) throw new Error(`No "${label}" link in:\n${message.text}`)
  return match[1]!
}
