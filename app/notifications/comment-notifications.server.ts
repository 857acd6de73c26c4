import type {SanityClient} from '@sanity/client'
import {NEEDS_CARE} from '../../contract/comments'
import {siteLink} from '~/lib/site-link.server'
import {quoted, sentence} from '~/lib/wording'
import {composeMail} from '~/mail/compose.server'
import {MODERATION_LINK_DAYS, moderationLink, unsubscribeLink} from '~/mail/email-links.server'
import {sendMail} from '~/mail/mailer.server'
import {followUpSends} from '~/notifications/follow-ups.server'
import {getWriteClient} from '~/sanity/client.server'
import {claimMarker, type CommentRecord, loadCommentRecord, releaseMarker, type SentMarker} from '~/sanity/comments.server'
import {getSiteSettings, readModeratorEmails} from '~/sanity/site-settings.server'

/**
 * Comment emails. Moderators get the held comment itself (they must judge it); commenters get
 * only a link, never the comment or the post's title, so an inbox preview on a shared device
 * does not reveal what they wrote about.
 */

const EXCERPT_LENGTH = 600

function excerpt(text: string): string {
  const flat = text.trim()
  return flat.length > EXCERPT_LENGTH ? `${flat.slice(0, EXCERPT_LENGTH - 1)}…` : flat
}

async function blogTitle(): Promise<string> {
  return (await blogFacts()).title
}

/** The blog's title and time zone; email goes out with safe stand-ins when they can't be read. */
async function blogFacts(): Promise<{title: string; timeZone: string}> {
  return getSiteSettings().then(
    (settings) => ({title: settings.title, timeZone: settings.timeZone}),
    () => ({title: 'the blog', timeZone: 'UTC'}),
  )
}

const MODERATORS_FOOTER = 'You get these emails because your address is in Site settings › Comment moderation.'

/** The post a comment is on, as a sentence names it: its title quoted once, or what became of it. */
function postNamed(comment: CommentRecord): string {
  return comment.post?.title ? quoted(comment.post.title) : 'a post that is no longer published'
}

function commentLink(comment: CommentRecord): string {
  return siteLink(`${comment.postPath ?? '/'}#${comment._id}`)
}

/**
 * Claims `marker` on the comment's private details, runs the sends, and releases the marker
 * if nothing went out, so a retry can try again without emailing anyone who already got it.
 */
async function sendOnce(client: SanityClient, commentId: string, marker: SentMarker, sends: (() => Promise<unknown>)[]): Promise<void> {
  if (sends.length === 0 || !(await claimMarker(client, commentId, marker))) return
  const results = await Promise.allSettled(sends.map((send) => send()))
  const failures = results.filter((result) => result.status === 'rejected')
  if (failures.length === results.length) {
    await releaseMarker(client, commentId, marker)
    throw failures[0]!.reason
  }
  for (const failure of failures) console.error('A comment email could not be sent:', failure.reason)
}

/** Emails each moderator a held comment with one-click Approve / Spam / Trash links. */
export async function notifyModeratorsOfHeldComment(commentId: string): Promise<void> {
  const client = getWriteClient()
  const comment = await loadCommentRecord(client, commentId)
  if (comment?.status !== 'pending' || !comment.private) return
  const [moderators, title] = await Promise.all([readModeratorEmails(client), blogTitle()])
  const post = postNamed(comment)
  const author = comment.authorName || 'Someone'
  // Each moderator's links name them, so the moderation log says who acted.
  const messageTo = (to: string) =>
    composeMail({
      heading: `A comment is waiting for approval`,
      paragraphs: [
        sentence(`${author} commented on ${post} on ${title}`),
        sentence(`Why it was held: ${comment.spamReason || 'new comments wait for approval'}`),
      ],
      quote: excerpt(comment.body ?? ''),
      actions: [
        {label: 'Approve', url: moderationLink(commentId, 'approve', {to})},
        {label: 'Mark as spam', url: moderationLink(commentId, 'spam', {to})},
        {label: 'Move to trash', url: moderationLink(commentId, 'trash', {to})},
      ],
      footer: {
        text: `Each link asks you to confirm before anything changes, and works for ${MODERATION_LINK_DAYS} days. ${MODERATORS_FOOTER}`,
      },
    })
  await sendOnce(
    client,
    commentId,
    'moderatorsNotifiedAt',
    moderators.map((to) => () => sendMail({to, subject: `[${title}] Comment awaiting approval: ${post}`, ...messageTo(to)})),
  )
}

/**
 * Emails each moderator at once about a comment held because its writer may be in crisis
 * (decision 0206), instead of the ordinary held-comment email. Neither the text nor the name
 * is in it: an inbox is read on phones and shared screens, and what someone wrote in crisis
 * belongs behind a log-in. No one-click Approve either: a person should read it first.
 */
export async function notifyModeratorsOfCareHold(commentId: string): Promise<void> {
  const client = getWriteClient()
  const comment = await loadCommentRecord(client, commentId)
  if (comment?.status !== 'pending' || !comment.private) return
  const [moderators, blog] = await Promise.all([readModeratorEmails(client), blogFacts()])
  const post = postNamed(comment)
  const when = comment.submittedAt
    ? new Intl.DateTimeFormat('en-US', {dateStyle: 'full', timeStyle: 'long', timeZone: blog.timeZone}).format(new Date(comment.submittedAt))
    : 'just now'
  const message = composeMail({
    heading: 'A comment may need care now',
    paragraphs: [
      `A comment on ${post} on ${blog.title}, posted ${when}, has words that suggest its writer may be in crisis. It is held: no reader can see it.`,
      'The writer was shown where to get help now (Site settings › Reader safety). Their words and name are left out of this email: open the comment on the post’s page while logged in as a moderator, or in Studio › Comments.',
    ],
    actions: comment.postPath ? [{label: 'Open the held comment', url: siteLink(`${comment.postPath}#held-${commentId}`)}] : [],
    footer: {text: MODERATORS_FOOTER},
  })
  await sendOnce(
    client,
    commentId,
    'moderatorsNotifiedAt',
    moderators.map((to) => () => sendMail({to, subject: `Urgent: a comment on ${post} may need care`, ...message})),
  )
}

/**
 * Emails each moderator that readers' reports held a published comment (decision 0237): sent
 * once, by the report that held it. Who reported is never in it (the site does not know); the
 * reasons they chose are. A comment that needed care is not quoted, as in the care email.
 */
export async function notifyModeratorsOfReportHold(commentId: string): Promise<void> {
  const client = getWriteClient()
  const comment = await loadCommentRecord(client, commentId)
  if (comment?.status !== 'pending') return
  const [moderators, title] = await Promise.all([readModeratorEmails(client), blogTitle()])
  const post = postNamed(comment)
  const author = comment.authorName || 'Someone'
  const needsCare = comment.spamReason?.startsWith(NEEDS_CARE) === true
  const messageTo = (to: string) =>
    composeMail({
      heading: 'Readers reported a comment',
      paragraphs: [
        sentence(`${author}’s comment on ${post} on ${title} was reported by readers, so it is held: no reader can see it until you decide`),
        sentence(`Why it was held: ${comment.spamReason || 'readers reported it'}`),
        ...(needsCare ? ['It needed care when it arrived, so its words are left out of this email: open it while logged in as a moderator.'] : []),
      ],
      ...(needsCare ? {} : {quote: excerpt(comment.body ?? '')}),
      actions: [
        {label: 'Publish it again', url: moderationLink(commentId, 'approve', {to})},
        {label: 'Mark as spam', url: moderationLink(commentId, 'spam', {to})},
        {label: 'Move to trash', url: moderationLink(commentId, 'trash', {to})},
      ],
      footer: {
        text: `Each link asks you to confirm before anything changes, and works for ${MODERATION_LINK_DAYS} days. To clear the reports, open the comment in Studio. ${MODERATORS_FOOTER}`,
      },
    })
  const results = await Promise.allSettled(
    moderators.map((to) => sendMail({to, subject: `[${title}] Comment held after readers’ reports: ${post}`, ...messageTo(to)})),
  )
  for (const result of results) if (result.status === 'rejected') console.error('A report email could not be sent:', result.reason)
}

/** The footer and one-click headers of an email to a commenter who asked for follow-ups. */
function unsubscribeParts(commentId: string) {
  const url = unsubscribeLink({commentId})
  return {
    footer: {text: 'You get this because you asked to be notified of follow-up comments.', links: [{label: 'Stop these emails', url}]},
    unsubscribeUrl: url,
  }
}

/** Tells the commenter their comment is live, and the parent comment's author about the reply. */
export async function notifyCommentApproved(commentId: string): Promise<void> {
  const client = getWriteClient()
  const comment = await loadCommentRecord(client, commentId)
  if (comment?.status !== 'approved' || !comment.private) return
  const title = await blogTitle()
  const ownEmail = comment.private.email
  const unsubscribe = unsubscribeParts(commentId)
  const approvalSends =
    ownEmail && comment.private.notifyReplies
      ? [
          () =>
            sendMail({
              to: ownEmail,
              subject: `Your comment on ${title} is published`,
              unsubscribeUrl: unsubscribe.unsubscribeUrl,
              ...composeMail({
                heading: 'Your comment is published',
                paragraphs: [`${sentence(`Thank you for commenting on ${title}`)} A moderator approved your comment and readers can now see it.`],
                actions: [{label: 'See your comment', url: commentLink(comment)}],
                footer: unsubscribe.footer,
              }),
            }),
        ]
      : []
  await sendOnce(client, commentId, 'approvalNotifiedAt', approvalSends)
  await announcePublished(client, comment, title)
}

/**
 * Announces a comment published on arrival (no moderator approved it, so there is no approval
 * to announce): to the author of the comment it answers, and to the post's followers.
 */
export async function notifyCommentPublishedOnArrival(commentId: string): Promise<void> {
  const client = getWriteClient()
  const comment = await loadCommentRecord(client, commentId)
  if (comment?.status !== 'approved' || !comment.private) return
  await announcePublished(client, comment, await blogTitle())
}

/** The reply email first; followers then hear of it unless they wrote it or were just told of it as a reply. */
async function announcePublished(client: SanityClient, comment: CommentRecord, title: string): Promise<void> {
  const toldOfReply = await announceReply(client, comment, title)
  const skip = new Set([comment.private?.email, toldOfReply].filter((email) => email != null).map((email) => email.toLowerCase()))
  // The marker sits on the comment's details: each comment goes to the followers once.
  await sendOnce(client, comment._id, 'followersNotifiedAt', await followUpSends(comment, skip, title))
}

/** Emails the parent comment's author about the reply, if they asked; returns the address that is told, if any. */
async function announceReply(client: SanityClient, comment: CommentRecord, title: string): Promise<string | null> {
  const commentId = comment._id
  const ownEmail = comment.private?.email
  const parent = comment.parentId ? await loadCommentRecord(client, comment.parentId) : null
  const parentEmail = parent?.private?.email
  const wantsReplies =
    parent?.status === 'approved' &&
    parent.private?.notifyReplies === true &&
    parentEmail &&
    // Answering yourself is no news.
    parentEmail.toLowerCase() !== ownEmail?.toLowerCase()
  const unsubscribe = unsubscribeParts(parent?._id ?? commentId)
  const replySends =
    parent && parentEmail && wantsReplies
      ? [
          () =>
            sendMail({
              to: parentEmail,
              subject: `New reply to your comment on ${title}`,
              unsubscribeUrl: unsubscribe.unsubscribeUrl,
              ...composeMail({
                heading: 'Someone replied to your comment',
                paragraphs: [sentence(`${comment.authorName || 'Someone'} replied to your comment on ${title}`)],
                actions: [{label: 'Read the reply', url: commentLink(comment)}],
                footer: unsubscribe.footer,
              }),
            }),
        ]
      : []
  // The marker sits on the reply's details: each reply is announced once.
  await sendOnce(client, commentId, 'replyNotifiedAt', replySends)
  return replySends.length > 0 ? parentEmail! : null
}
