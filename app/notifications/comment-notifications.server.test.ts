import {afterAll, beforeAll, describe, expect, test, vi} from 'vitest'
import {type CommentsWorld, createComment, linkLabelled, mailTo, POST_PATH, startCommentsWorld} from '../../tests/support/comments-fixture'
import {notifyCommentApproved, notifyModeratorsOfHeldComment} from './comment-notifications.server'
import {moderationLink} from '~/mail/email-links.server'
import {moderationPage, performModeration} from '~/moderation/moderation-page.server'
import {performUnsubscribe, unsubscribePage} from './unsubscribe.server'

let world: CommentsWorld

beforeAll(async () => {
  world = await startCommentsWorld({notifyEmails: ['mod-one@example.com', 'mod-two@example.com', 'mod-one@example.com']})
}, 60_000)
afterAll(() => world?.stop())

const tokenOf = (link: string) => new URL(link).pathname.split('/').pop()!

function post(link: string, origin = world.siteUrl): Request {
  return new Request(link, {method: 'POST', headers: {Origin: origin, 'Content-Type': 'application/x-www-form-urlencoded'}, body: ''})
}

async function statusOf(id: string): Promise<string> {
  return (await world.client.getDocument(`comment-private.${id}`))!.status as string
}

describe('moderators hear of held comments', () => {
  test('each moderator gets the comment once, with links that approve it after confirming', async () => {
    await createComment(world.client, {
      id: 'comment-held',
      name: 'Dana <b>Q</b>',
      body: 'I found this helpful.\nSecond line <script>x</script>',
      spamReason: 'Held: 3 links.',
    })
    await notifyModeratorsOfHeldComment('comment-held')
    await notifyModeratorsOfHeldComment('comment-held') // a retry sends nothing more

    const [toOne, toTwo] = [await mailTo(world.mail, 'mod-one@example.com'), await mailTo(world.mail, 'mod-two@example.com')]
    expect(toOne).toHaveLength(1)
    expect(toTwo).toHaveLength(1)
    const message = toOne[0]!
    expect(message.to).toEqual(['mod-one@example.com'])
    expect(message.from).toBe('"Fixture Blog" <no-reply@localhost>')
    expect(message.subject).toBe('[Fixture Blog] Comment awaiting approval: “Fixture post about sleep”')
    expect(message.text).toContain('Dana <b>Q</b> commented on “Fixture post about sleep”')
    expect(message.text).toContain('Why it was held: Held: 3 links.')
    expect(message.text).toContain('> I found this helpful.\n> Second line <script>x</script>')
    expect(message.html).toContain('Dana &#60;b&#62;Q&#60;/b&#62;')
    expect(message.html).not.toContain('<script>')
    // The commenter's email address is not for moderators' inboxes.
    expect(message.text).not.toContain('reader@example.com')

    const approve = linkLabelled(message, 'Approve')
    expect(approve.startsWith(`${world.siteUrl}/moderate/`)).toBe(true)
    expect(message.html).toContain(`href="${approve}"`)

    const page = await moderationPage(tokenOf(approve))
    expect(page).toMatchObject({
      state: 'confirm',
      action: 'approve',
      comment: {id: 'comment-held', authorName: 'Dana <b>Q</b>', status: 'pending', postTitle: 'Fixture post about sleep'},
    })
    expect(await statusOf('comment-held')).toBe('pending') // opening the link changes nothing

    expect(await performModeration(post(approve), tokenOf(approve))).toMatchObject({
      state: 'done',
      comment: {status: 'approved', link: `${world.siteUrl}${POST_PATH}#comment-held`},
    })
    expect(await statusOf('comment-held')).toBe('approved')
    // The moderation log names the moderator whose email's link it was.
    expect(
      await world.client.fetch(
        '*[_type == "commentAudit" && comment._ref == "comment-private.comment-held" && to == "approved"][0].who',
        {},
        {perspective: 'raw'},
      ),
    ).toMatchObject({kind: 'email', address: 'mod-one@example.com'})
    expect(await performModeration(post(approve), tokenOf(approve))).toMatchObject({state: 'already'})

    const spam = linkLabelled(message, 'Mark as spam')
    expect(await performModeration(post(spam), tokenOf(spam))).toMatchObject({state: 'done', action: 'spam'})
    expect(await statusOf('comment-held')).toBe('spam')
  })

  test('a POST from another site, an expired or a forged link changes nothing', async () => {
    await createComment(world.client, {id: 'comment-guarded'})
    const trash = moderationLink('comment-guarded', 'trash')
    expect(await performModeration(post(trash, 'https://evil.example'), tokenOf(trash))).toEqual({state: 'cross-site'})

    const eightDaysAgo = Date.now() - 8 * 24 * 60 * 60 * 1000
    const expired = moderationLink('comment-guarded', 'trash', {now: eightDaysAgo})
    expect(await moderationPage(tokenOf(expired))).toEqual({state: 'expired'})
    expect(await performModeration(post(expired), tokenOf(expired))).toEqual({state: 'expired'})

    const [body, signature] = tokenOf(trash).split('.')
    const forgedBody = Buffer.from(Buffer.from(body!, 'base64url').toString().replace('"trash"', '"approve"')).toString('base64url')
    expect(await performModeration(post(trash), `${forgedBody}.${signature}`)).toEqual({state: 'invalid'})
    expect(await statusOf('comment-guarded')).toBe('pending')
  })

  test('a moderation link acts once: used again (even after a restart, or by two clicks at once) it shows the status and changes nothing', async () => {
    await createComment(world.client, {id: 'comment-once'})
    const approve = moderationLink('comment-once', 'approve')
    expect(await performModeration(post(approve), tokenOf(approve))).toMatchObject({state: 'done'})
    // Someone sets it back in Studio; the same link, or another moderator's, can't approve it again.
    await world.client.patch('comment-private.comment-once').set({status: 'pending'}).commit({visibility: 'sync'})
    const othersApprove = moderationLink('comment-once', 'approve')
    expect(await moderationPage(tokenOf(approve))).toMatchObject({state: 'used', comment: {status: 'pending'}})
    expect(await performModeration(post(othersApprove), tokenOf(othersApprove))).toMatchObject({state: 'used', comment: {status: 'pending'}})
    expect(await statusOf('comment-once')).toBe('pending')
    // The use is recorded in the lake, not in this process: a fresh copy of the site knows it.
    vi.resetModules()
    const restarted = await import('~/moderation/moderation-page.server')
    expect(await restarted.performModeration(post(approve), tokenOf(approve))).toMatchObject({state: 'used'})
    expect(await statusOf('comment-once')).toBe('pending')

    // Two clicks on the trash link at once (two site processes, say): one acts, the other does not.
    const trash = moderationLink('comment-once', 'trash')
    const both = await Promise.all([performModeration(post(trash), tokenOf(trash)), restarted.performModeration(post(trash), tokenOf(trash))])
    expect(both.map((page) => page.state).sort()).toEqual(['done', 'used'])
    expect(await statusOf('comment-once')).toBe('trash')
  })

  test('comments that are not held, and unknown ones, send nothing', async () => {
    await createComment(world.client, {id: 'comment-already-live', status: 'approved'})
    const before = world.mail.store.list().length
    await notifyModeratorsOfHeldComment('comment-already-live')
    await notifyModeratorsOfHeldComment('comment-nobody')
    expect(world.mail.store.list()).toHaveLength(before)
  })
})

describe('commenters hear of approval and replies', () => {
  test('the commenter who asked is told once, with a link to the comment and a way to stop', async () => {
    await createComment(world.client, {id: 'comment-asks', status: 'approved', email: 'Asker@Example.com', notifyReplies: true, body: 'My private worries'})
    await notifyCommentApproved('comment-asks')
    await notifyCommentApproved('comment-asks')
    const messages = await mailTo(world.mail, 'asker@example.com')
    expect(messages).toHaveLength(1)
    const [message] = messages
    expect(message!.subject).toBe('Your comment on Fixture Blog is published')
    expect(linkLabelled(message!, 'See your comment')).toBe(`${world.siteUrl}${POST_PATH}#comment-asks`)
    expect(linkLabelled(message!, 'Stop these emails')).toMatch(`${world.siteUrl}/unsubscribe/`)
    // Only a link: neither the comment nor the post's title shows in an inbox preview.
    expect(message!.text).not.toContain('My private worries')
    expect(message!.text).not.toContain('sleep')
  })

  test('nobody is told when they did not ask, or when the comment is not approved', async () => {
    await createComment(world.client, {id: 'comment-quiet', status: 'approved', email: 'quiet@example.com', notifyReplies: false})
    await createComment(world.client, {id: 'comment-pending-asks', status: 'pending', email: 'pending@example.com', notifyReplies: true})
    await notifyCommentApproved('comment-quiet')
    await notifyCommentApproved('comment-pending-asks')
    expect(await mailTo(world.mail, 'quiet@example.com', 0)).toEqual([])
    expect(await mailTo(world.mail, 'pending@example.com', 0)).toEqual([])
  })

  test("a reply is announced to the parent's author once, but not to someone answering themselves", async () => {
    await createComment(world.client, {id: 'comment-parent', status: 'approved', email: 'parent@example.com', notifyReplies: true})
    await createComment(world.client, {id: 'comment-reply', status: 'approved', email: 'replier@example.com', name: 'Riley', parentId: 'comment-parent'})
    await createComment(world.client, {id: 'comment-self-reply', status: 'approved', email: 'PARENT@example.com', parentId: 'comment-parent'})
    await notifyCommentApproved('comment-reply')
    await notifyCommentApproved('comment-reply')
    await notifyCommentApproved('comment-self-reply')
    const messages = await mailTo(world.mail, 'parent@example.com')
    expect(messages.map((message) => message.subject)).toEqual(['New reply to your comment on Fixture Blog'])
    expect(messages[0]!.text).toContain('Riley replied to your comment on Fixture Blog.')
    expect(linkLabelled(messages[0]!, 'Read the reply')).toBe(`${world.siteUrl}${POST_PATH}#comment-reply`)
  })

  test('the unsubscribe link asks first, then stops every reply email to that address', async () => {
    await createComment(world.client, {id: 'comment-sub-1', status: 'approved', email: 'leaver@example.com', notifyReplies: true})
    await createComment(world.client, {id: 'comment-sub-2', status: 'approved', email: 'Leaver@example.com', notifyReplies: true})
    await notifyCommentApproved('comment-sub-1')
    const [message] = await mailTo(world.mail, 'leaver@example.com')
    const unsubscribe = linkLabelled(message!, 'Stop these emails')

    expect(unsubscribePage(tokenOf(unsubscribe))).toEqual({state: 'confirm', scope: 'everything'})
    expect(await performUnsubscribe(post(unsubscribe, 'https://evil.example'), tokenOf(unsubscribe))).toEqual({state: 'cross-site'})
    expect((await world.client.getDocument('comment-private.comment-sub-2'))!.notifyReplies).toBe(true)

    expect(await performUnsubscribe(post(unsubscribe), tokenOf(unsubscribe))).toEqual({state: 'done', scope: 'everything'})
    for (const id of ['comment-sub-1', 'comment-sub-2']) {
      expect((await world.client.getDocument(`comment-private.${id}`))!.notifyReplies).toBe(false)
    }
    await createComment(world.client, {id: 'comment-sub-reply', status: 'approved', email: 'other@example.com', parentId: 'comment-sub-2'})
    await notifyCommentApproved('comment-sub-2')
    await notifyCommentApproved('comment-sub-reply')
    // Sends are awaited: had one gone out, the catcher would have it by now.
    expect(await mailTo(world.mail, 'leaver@example.com', 0)).toHaveLength(1)
  })
})
