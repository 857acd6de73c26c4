import type {SanityClient} from '@sanity/client'
import {postPath} from '~/lib/permalink'
import {excerpt} from '~/lib/excerpt'
import {siteLink} from '~/lib/site-link.server'
import {quoted, sentence} from '~/lib/wording'
import {composeMail} from '~/mail/compose.server'
import {unsubscribeLink} from '~/mail/email-links.server'
import {sendMail} from '~/mail/mailer.server'
import {getWriteClient} from '~/sanity/client.server'
import {readPostSubscribers} from '~/sanity/comments.server'
import {readPostToAnnounce} from '~/sanity/content.server'
import {claimAnnouncement, releaseAnnouncement} from '~/sanity/post-announcements.server'

/**
 * "Notify me of new posts by email.": when a post is first published, everyone who ticked it
 * gets one email with the post's title, excerpt and link. Called by the lake's post-published
 * webhook (/hooks/post-published). Once per post, ever: a private marker document
 * (`post-announced.<postId>`) is created before sending, and creating it twice fails.
 */

// A post dated further back (imported from WordPress, or back-dated) is not news.
export const NEW_POST_MAX_AGE_DAYS = 7

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

/** Emails each subscriber about the post, once; throws (for the webhook to retry) if no email went out. */
export async function announceNewPost(postId: string, now = new Date(), client: SanityClient = getWriteClient()): Promise<AnnounceOutcome> {
  const [found, asked] = await Promise.all([readPostToAnnounce(client, postId), readPostSubscribers(client)])
  const {post} = found
  if (!post) return 'not-published'
  if (now.getTime() - Date.parse(post.publishedAt) > NEW_POST_MAX_AGE_DAYS * 24 * 60 * 60 * 1000) return 'not-new'
  // Only approved comments' details count: an address typed into a comment never published
  // (spam, or a stranger's address) gets nothing.
  const subscribers = distinctSubscribers(asked)
  if (subscribers.length === 0) return 'no-subscribers'
  if (!(await claimAnnouncement(client, post._id))) return 'already-announced'

  const blogTitle = found.blogTitle ?? 'the blog'
  const url = siteLink(postPath(post, found.timeZone))
  const summary = excerpt(post.excerpt ?? '')
  const results = await Promise.allSettled(
    subscribers.map(({email, commentId}) => {
      const stop = unsubscribeLink({commentId})
      return sendMail({
        to: email,
        unsubscribeUrl: stop,
        subject: `New post on ${blogTitle}: ${quoted(post.title)}`,
        ...composeMail({
          heading: post.title,
          paragraphs: [sentence(`A new post on ${blogTitle}`), ...(summary ? [summary] : [])],
          actions: [{label: 'Read the post', url}],
          footer: {
            text: 'You get this because you asked to be told of new posts when you commented. The link below stops every email from this blog to you: new posts, replies and approvals.',
            links: [{label: 'Stop these emails', url: stop}],
          },
        }),
      })
    }),
  )
  const failures = results.filter((result) => result.status === 'rejected')
  if (failures.length === results.length) {
    // Nobody got it: let the webhook's retry try again.
    await releaseAnnouncement(client, post._id)
    throw failures[0]!.reason
  }
  for (const failure of failures) console.error(`A new-post email for ${post._id} could not be sent:`, failure.reason)
  return 'sent'
}
