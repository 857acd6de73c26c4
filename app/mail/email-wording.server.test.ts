import {afterAll, beforeAll, describe, expect, test} from 'vitest'
import {bannedReason} from '../../contract/commenter-rules'
import {type CommentsWorld, createComment, linkLabelled, mailTo, POST, startCommentsWorld} from '../../tests/support/comments-fixture'
import type {CaughtMessage} from '../../stand-ins/mail/message-store'
import {testContext} from '~/comments/checks/check-context.test-support'
import {fillTimeCheck} from '~/comments/checks/form-token.server'
import {holdWordsCheck, linkCountCheck, moderationModeCheck, trashWordsCheck} from '~/comments/checks/moderation-rules.server'
import {crisisLanguageCheck, personalDetailsCheck} from '~/comments/checks/safety-checks.server'
import {sensitiveTopicCheck} from '~/comments/checks/sensitive-topic.server'
import {akismetSpamCheck} from '~/comments/checks/spam-check.server'
import {NO_KEY_REASON} from '~/comments/akismet.server'
import type {Check, Flag} from '~/comments/comment-pipeline.server'
import {
  notifyCommentApproved,
  notifyModeratorsOfCareHold,
  notifyModeratorsOfHeldComment,
  notifyModeratorsOfReportHold,
  notifyCommentPublishedOnArrival,
} from '~/notifications/comment-notifications.server'
import {confirmFollowUps, requestFollowUps} from '~/notifications/follow-ups.server'
import {announceNewPost} from '~/notifications/post-notifications.server'
import {sendPrivacyLinkIfKnown} from '~/privacy/privacy-request.server'

/**
 * Issue #19 point 8: every kind of email, rendered for real (a real lake, the real SMTP
 * catcher) for the seeded WordPress title that already carries quotation marks, a blog title
 * that ends with a full stop, and each reason a check can hold a comment for, reads as
 * carefully written: the title quoted once, each sentence ended once.
 */

const TITLE = '“Hold On. We Don’t Do That” – Sex Therapy v. Sexual Surrogacy'
const BLOG = 'Life in Balance, Inc.'
const MODERATOR = 'moderator@example.com'
let world: CommentsWorld

beforeAll(async () => {
  world = await startCommentsWorld({notifyEmails: [MODERATOR]})
  await world.client
    .transaction()
    .patch('siteSettings', (patch) => patch.set({title: BLOG}))
    .patch(POST._id, (patch) => patch.set({title: TITLE}))
    .createOrReplace({...POST, _id: 'post-new', slug: {_type: 'slug', current: 'new-post'}, title: TITLE, publishedAt: new Date().toISOString()})
    .commit({visibility: 'sync'})
}, 60_000)
afterAll(() => world?.stop())

/** What a careless email has: a quotation mark doubled, or a sentence ended twice. Links are left out. */
function carelessness(text: string): string[] {
  const prose = text.replace(/https?:\/\/\S+/g, '')
  return [...prose.matchAll(/[“”"‘’']{2}|[.?!…]\.(?!\.)|\.\.(?!\.)/g)].map((match) => `“${prose.slice(Math.max(0, match.index - 30), match.index + 10)}”`)
}

function expectCareful(message: CaughtMessage): void {
  expect(carelessness(message.subject), message.subject).toEqual([])
  expect(carelessness(message.text), message.text).toEqual([])
  // The title is in the subject or body as written: quoted once, never wrapped again.
  expect(`${message.subject}\n${message.text}`).not.toContain(`“${TITLE}”`)
}

async function onlyMailTo(address: string): Promise<CaughtMessage> {
  const [message, ...more] = await mailTo(world.mail, address)
  expect(more).toEqual([])
  world.mail.store.clear()
  return message!
}

/** The reasons the site's real checks give when they hold, spam or trash a comment. */
async function everyReason(): Promise<string[]> {
  const checks: [Check, Parameters<typeof testContext>[0]][] = [
    [holdWordsCheck, {settings: {holdWords: ['surrogate']}, submission: {body: 'About the surrogate.'}}],
    [trashWordsCheck, {settings: {trashWords: ['casino']}, submission: {body: 'casino'}}],
    [linkCountCheck, {submission: {body: 'https://a.example and https://b.example'}}],
    [moderationModeCheck(async () => false), {settings: {mode: 'holdAll'}}],
    [moderationModeCheck(async () => false), {settings: {mode: 'holdFirstTime'}}],
    [sensitiveTopicCheck, {post: {sensitiveTopic: true}}],
    [fillTimeCheck(5), {form: undefined}],
    [crisisLanguageCheck, {submission: {body: 'I want to kill myself.'}}],
    [personalDetailsCheck(async () => ['Dr. Ada Lane']), {submission: {body: 'Dr. Ada Lane treated my depression.'}}],
  ]
  const flags: (Flag | null)[] = await Promise.all(checks.map(([check, context]) => check.run(testContext(context))))
  for (const reason of [NO_KEY_REASON, 'Akismet refused the call: Missing required field.', 'Is Akismet down?']) {
    flags.push((await akismetSpamCheck(testContext(), [], async () => ({verdict: 'unchecked', reason}))).flag)
  }
  flags.push((await akismetSpamCheck(testContext(), [], async () => ({verdict: 'spam'}))).flag)
  // A moderator's ban, with a reason that ends a sentence itself, and one without.
  flags.push(
    {outcome: 'spam', reason: bannedReason({match: 'email', reason: 'Abusive to others.'})},
    {outcome: 'spam', reason: bannedReason({match: 'network'})},
  )
  const reasons = flags.map((flag) => flag?.reason).filter((reason) => reason !== undefined)
  // The fill-time check needs a form token in the form: without one it passes, so it isn't counted on.
  expect(reasons.length).toBeGreaterThanOrEqual(checks.length + 3)
  return reasons
}

describe('moderators’ emails', () => {
  test('a held comment’s email, for each hold reason, one at a time and together', async () => {
    const reasons = await everyReason()
    for (const [index, reason] of [...reasons, reasons.join(' '), ''].entries()) {
      const id = `held-${index}`
      await createComment(world.client, {id, ...(reason ? {spamReason: reason} : {})})
      await notifyModeratorsOfHeldComment(id)
      const message = await onlyMailTo(MODERATOR)
      expect(message.subject).toBe(`[${BLOG}] Comment awaiting approval: ${TITLE}`)
      expect(message.text).toContain(`Reader commented on ${TITLE} on ${BLOG}\n`)
      expectCareful(message)
    }
  })

  test('the email when readers’ reports hold a comment', async () => {
    for (const [index, reason] of [
      'Reported by 1 reader: spam (1).',
      'Needs care: possible crisis language (self-harm). Reported by 3 readers: someone may be at risk (3).',
    ].entries()) {
      const id = `reported-${index}`
      await createComment(world.client, {id, spamReason: reason})
      await notifyModeratorsOfReportHold(id)
      const message = await onlyMailTo(MODERATOR)
      expect(message.subject).toBe(`[${BLOG}] Comment held after readers’ reports: ${TITLE}`)
      expect(message.text).toContain(`Why it was held: ${reason}\n`)
      expectCareful(message)
    }
  })

  test('the care email', async () => {
    await createComment(world.client, {id: 'care'})
    await notifyModeratorsOfCareHold('care')
    const message = await onlyMailTo(MODERATOR)
    expect(message.subject).toBe(`Urgent: a comment on ${TITLE} may need care`)
    expectCareful(message)
  })

  test('a comment on a post that is gone is named as such, unquoted', async () => {
    await createComment(world.client, {id: 'orphan', postId: 'post-gone'})
    await notifyModeratorsOfHeldComment('orphan')
    const message = await onlyMailTo(MODERATOR)
    expect(message.subject).toBe(`[${BLOG}] Comment awaiting approval: a post that is no longer published`)
    expectCareful(message)
  })
})

describe('readers’ emails', () => {
  test('approval, reply, new post and privacy link', async () => {
    await createComment(world.client, {id: 'parent', status: 'approved', email: 'parent@example.com', notifyReplies: true, notifyPosts: true})
    await notifyCommentApproved('parent')
    const approval = await onlyMailTo('parent@example.com')
    expect(approval.text).toContain(`Thank you for commenting on ${BLOG} A moderator approved`)
    expectCareful(approval)

    await createComment(world.client, {id: 'reply', status: 'approved', email: 'other@example.com', parentId: 'parent'})
    await notifyCommentPublishedOnArrival('reply')
    const reply = await onlyMailTo('parent@example.com')
    expect(reply.text).toContain(`Reader replied to your comment on ${BLOG}\n`)
    expectCareful(reply)

    expect(await announceNewPost('post-new')).toBe('sent')
    const announcement = await onlyMailTo('parent@example.com')
    expect(announcement.subject).toBe(`New post on ${BLOG}: ${TITLE}`)
    expectCareful(announcement)

    expect(await sendPrivacyLinkIfKnown('parent@example.com')).toBe('sent')
    expectCareful(await onlyMailTo('parent@example.com'))

    expect(await requestFollowUps('follower@example.com', POST._id, '203.0.113.7')).toBe('confirmation-sent')
    const confirmation = await onlyMailTo('follower@example.com')
    expectCareful(confirmation)
    await confirmFollowUps(
      new Request(linkLabelled(confirmation, 'Confirm follow-up comments'), {method: 'POST'}),
      linkLabelled(confirmation, 'Confirm follow-up comments').split('/').pop()!,
    )
    await createComment(world.client, {id: 'followed', status: 'approved'})
    await notifyCommentPublishedOnArrival('followed')
    const followUp = await onlyMailTo('follower@example.com')
    expect(followUp.text).toContain(`Reader commented on a post you follow on ${BLOG}\n`)
    expectCareful(followUp)
  })
})
