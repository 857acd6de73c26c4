import {getEnv} from '~/env.server'
import {siteLink} from '~/lib/site-link.server'
import {sentence} from '~/lib/wording'
import {composeMail} from '~/mail/compose.server'
import {checkFollowUpConfirmToken, FOLLOW_UP_CONFIRM_DAYS, followUpConfirmLink, unsubscribeLink} from '~/mail/email-links.server'
import {sendMail} from '~/mail/mailer.server'
import {getWriteClient} from '~/sanity/client.server'
import type {CommentRecord} from '~/sanity/comments.server'
import {followersOf, followPost, isConfirmedFollower} from '~/sanity/follow-ups.server'
import {getSiteSettings} from '~/sanity/site-settings.server'
import {networkPrefix} from '~/security/network-address.server'
import {RateLimiter, takeIfAllowed} from '~/security/rate-limiter.server'
import {isSameOrigin, originHeaders} from '~/security/same-origin.server'

/**
 * "Notify me of follow-up comments by email." as on WordPress.com (decision 0231): the box
 * subscribes the address to every newly approved comment on the post, once the address has
 * confirmed by an emailed link. Like the other emails to commenters, these carry a link and
 * never the post's title or anyone's words: an inbox preview on a shared screen tells nothing.
 */

const HOUR = 60 * 60 * 1000
// The comment form takes any address: these keep it from mailing a stranger over and over.
const confirmationsPerAddress = new RateLimiter('follow-up-confirmations-by-email', 3, 24 * HOUR)
const confirmationsPerNetwork = new RateLimiter('follow-up-confirmations-by-network', 10, HOUR)

async function blogTitle(): Promise<string> {
  return getSiteSettings().then(
    (settings) => settings.title,
    () => 'the blog',
  )
}

export type FollowUpRequest = 'following' | 'confirmation-sent' | 'too-many'

/** Follows the post for a confirmed address, or emails the address a link to confirm first. */
export async function requestFollowUps(email: string, postId: string, clientAddress: string, now = Date.now()): Promise<FollowUpRequest> {
  const client = getWriteClient()
  if (await isConfirmedFollower(client, email)) {
    await followPost(client, email, postId)
    return 'following'
  }
  const wait = takeIfAllowed(
    [
      [confirmationsPerAddress, email.trim().toLowerCase()],
      [confirmationsPerNetwork, networkPrefix(clientAddress)],
    ],
    now,
  )
  if (wait > 0) return 'too-many'
  const title = await blogTitle()
  await sendMail({
    to: email,
    subject: `Confirm follow-up comments on ${title}`,
    ...composeMail({
      heading: 'Confirm follow-up comments',
      paragraphs: [
        sentence(`Someone (hopefully you) commented on ${title} and asked to be emailed when others comment on the same post`),
        `Confirm once, and this address is emailed each new comment on the posts it follows, without being asked again. The link works for ${FOLLOW_UP_CONFIRM_DAYS} days.`,
      ],
      actions: [{label: 'Confirm follow-up comments', url: followUpConfirmLink(email, postId)}],
      footer: {text: 'If you did not ask for this, ignore this email: nothing is kept and nothing more is sent unless the link is used.'},
    }),
  })
  return 'confirmation-sent'
}

export type FollowUpConfirmPage = {state: 'confirm' | 'done' | 'invalid' | 'expired' | 'cross-site'}

const HTTP_STATUS: Record<FollowUpConfirmPage['state'], number> = {confirm: 200, done: 200, invalid: 400, expired: 410, 'cross-site': 403}

export function confirmStatusOf(page: FollowUpConfirmPage): number {
  return HTTP_STATUS[page.state]
}

/** Opening the link changes nothing (mail scanners open links): the page asks for a click. */
export function followUpConfirmPage(token: string): FollowUpConfirmPage {
  const check = checkFollowUpConfirmToken(token)
  return check.ok ? {state: 'confirm'} : {state: check.reason}
}

export async function confirmFollowUps(request: Request, token: string): Promise<FollowUpConfirmPage> {
  if (!isSameOrigin(originHeaders(request), new URL(getEnv().SITE_URL).origin)) return {state: 'cross-site'}
  const check = checkFollowUpConfirmToken(token)
  if (!check.ok) return {state: check.reason}
  await followPost(getWriteClient(), check.data.email, check.data.postId)
  return {state: 'done'}
}

/** The follow-up emails for a newly approved comment: to each follower of its post but `skip` (lower-cased addresses). */
export async function followUpSends(comment: CommentRecord, skip: Set<string>, title: string): Promise<(() => Promise<unknown>)[]> {
  const postId = comment.postId
  // A post no longer published has no page to send anyone to.
  if (!postId || !comment.post) return []
  const followers = (await followersOf(getWriteClient(), postId)).filter(({email}) => !skip.has(email.toLowerCase()))
  return followers.map(({email, key}) => {
    const everything = unsubscribeLink({follower: key})
    return () =>
      sendMail({
        to: email,
        subject: `New comment on a post you follow on ${title}`,
        unsubscribeUrl: everything,
        ...composeMail({
          heading: 'A new comment on a post you follow',
          paragraphs: [sentence(`${comment.authorName || 'Someone'} commented on a post you follow on ${title}`)],
          actions: [{label: 'Read the comment', url: siteLink(`${comment.postPath ?? '/'}#${comment._id}`)}],
          footer: {
            text: 'You get this because you asked to be notified of follow-up comments.',
            links: [
              {label: 'Stop follow-ups of this post', url: unsubscribeLink({follower: key, postId})},
              {label: 'Stop all emails from this blog', url: everything},
            ],
          },
        }),
      })
  })
}
