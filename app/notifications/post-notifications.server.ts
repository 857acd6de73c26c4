import type {SanityClient} from '@sanity/client'
import {z} from 'zod'
import {postPath} from '~/lib/permalink'
import {excerpt} from '~/lib/excerpt'
import {composeMail} from '~/mail/compose.server'
import {sendMail} from '~/mail/mailer.server'
import {getWriteClient} from '~/sanity/client.server'
import {DEFAULT_TIME_ZONE} from '~/sanity/content.server'
import {siteLink, unsubscribeLink} from './email-links.server'

/**
 * "Notify me of new posts by email.": when a post is first published, everyone who ticked it
 * gets one email with the post's title, excerpt and link. Called by the lake's post-published
 * webhook (/hooks/post-published). Once per post, ever: a private marker document
 * (`post-announced.<postId>`) is created before sending, and creating it twice fails.
 */

const MARKER_PREFIX = 'post-announced.'
// A post dated further back (imported from WordPress, or back-dated) is not news.
export const NEW_POST_MAX_AGE_DAYS = 7

const Announced = z.object({
  blogTitle: z.string().nullish(),
  timeZone: z.string().nullish(),
  post: z
    .object({
      _id: z.string(),
      title: z.string(),
      slug: z.string(),
      publishedAt: z.string(),
      excerpt: z.string().nullish(),
    })
    .nullable(),
  /**
   * Who asked: the private details of approved comments only, so an address someone typed
   * into a comment that was never published (spam, or a stranger's address) gets nothing.
   */
  subscribers: z.array(z.object({email: z.string(), commentId: z.string()})),
})

const ANNOUNCEMENT_QUERY = `{
  "blogTitle": *[_id == "siteSettings"][0].title,
  "timeZone": *[_id == "siteSettings"][0].timeZone,
  "post": *[_type == "post" && _id == $postId && defined(slug.current) && defined(publishedAt)][0]{
    _id, title, "slug": slug.current, publishedAt, "excerpt": coalesce(excerpt, pt::text(body))
  },
  "subscribers": *[_type == "commentPrivate" && notifyPosts == true && defined(email)
    && comment._ref in *[_type == "comment" && status == "approved"]._id]{email, "commentId": comment._ref}
}`

export type AnnounceOutcome = 'sent' | 'already-announced' | 'not-new' | 'not-published' | 'no-subscribers'

/** One subscriber per address, whatever its case, however many comments asked. */
export function distinctSubscribers(subscribers: {email: string; commentId: string}[]): {email: string; commentId: string}[] {
  const byAddress = new Map<string, {email: string; commentId: string}>()
  for (const subscriber of subscribers) {
    const key = subscriber.email.trim().toLowerCase()
    if (key && !byAddress.has(key)) byAddress.set(key, {email: subscriber.email.trim(), commentId: subscriber.commentId})
  }
  return [...byAddress.values()]
}

/** Creates the post's marker; false if it exists (announced already, or being announced). */
async function claimAnnouncement(client: SanityClient, postId: string): Promise<boolean> {
  try {
    await client.create(
      {_id: `${MARKER_PREFIX}${postId}`, _type: 'postAnnouncement', post: {_type: 'reference', _ref: postId, _weak: true}, announcedAt: new Date().toISOString()},
      {visibility: 'sync'},
    )
    return true
  } catch (error) {
    if ((error as {statusCode?: number} | null)?.statusCode === 409) return false
    throw error
  }
}

/** Emails each subscriber about the post, once; throws (for the webhook to retry) if no email went out. */
export async function announceNewPost(postId: string, now = new Date(), client: SanityClient = getWriteClient()): Promise<AnnounceOutcome> {
  const found = Announced.parse(await client.fetch(ANNOUNCEMENT_QUERY, {postId}, {perspective: 'published'}))
  const {post} = found
  if (!post) return 'not-published'
  if (now.getTime() - Date.parse(post.publishedAt) > NEW_POST_MAX_AGE_DAYS * 24 * 60 * 60 * 1000) return 'not-new'
  const subscribers = distinctSubscribers(found.subscribers)
  if (subscribers.length === 0) return 'no-subscribers'
  if (!(await claimAnnouncement(client, post._id))) return 'already-announced'

  const blogTitle = found.blogTitle ?? 'the blog'
  const url = siteLink(postPath(post, found.timeZone ?? DEFAULT_TIME_ZONE))
  const summary = excerpt(post.excerpt ?? '')
  const results = await Promise.allSettled(
    subscribers.map(({email, commentId}) =>
      sendMail({
        to: email,
        subject: `New post on ${blogTitle}: “${post.title}”`,
        ...composeMail({
          heading: post.title,
          paragraphs: [`A new post on ${blogTitle}.`, ...(summary ? [summary] : [])],
          actions: [{label: 'Read the post', url}],
          footer: {
            text: 'You get this because you asked to be told of new posts when you commented. The link below stops every email from this blog to you: new posts, replies and approvals.',
            link: {label: 'Stop these emails', url: unsubscribeLink(commentId)},
          },
        }),
      }),
    ),
  )
  const failures = results.filter((result) => result.status === 'rejected')
  if (failures.length === results.length) {
    // Nobody got it: let the webhook's retry try again.
    await client.delete(`${MARKER_PREFIX}${post._id}`)
    throw failures[0]!.reason
  }
  for (const failure of failures) console.error(`A new-post email for ${post._id} could not be sent:`, failure.reason)
  return 'sent'
}
