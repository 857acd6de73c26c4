import {afterAll, expect, inject, test} from 'vitest'
import type {CaughtMessage} from '../../stand-ins/mail/message-store'
import {removeFixturePosts} from '../support/fixture-cleanup'
import {lakeClient} from '../support/site-content'
import {saveComment} from '~/sanity/comments.server'

// "Notify me of new posts by email." on the stack npm start runs: the lake's post-published
// webhook (written by npm start) reaches the site, which emails the subscriber through the
// mail catcher, once.

const siteUrl = inject('siteUrl')
const mailUrl = inject('mailUrl')!
const lake = lakeClient(inject('lakeUrl'), inject('dataDir'))

const run = Date.now().toString(36)
const subscriber = `posts-${run}@example.com`

afterAll(async () => {
  await removeFixturePosts(lake, [`e2e-new-post-${run}`])
  await lake.delete({query: '*[_id in $ids]', params: {ids: [`comment-${run}-subscriber`, `comment-private.comment-${run}-subscriber`]}})
})

async function messagesTo(address: string): Promise<CaughtMessage[]> {
  return (await (await fetch(`${mailUrl}/api/messages?to=${encodeURIComponent(address)}`)).json()) as CaughtMessage[]
}

test('publishing a post emails a reader who asked for new posts, once', async () => {
  const commentId = `comment-${run}-subscriber`
  await saveComment(lake, {
    id: commentId,
    post: {_id: 'nowhere'},
    submission: {name: 'Pat', email: subscriber, body: 'Keep writing.', notifyReplies: false, notifyPosts: true},
    status: 'approved',
    spamVerdict: 'ham',
    reasons: [],
    submittedAt: new Date(),
    networkAddressHash: 'hash',
    userAgent: 'E2E',
  })

  const title = `A new post for subscribers ${run}`
  const slug = `new-for-subscribers-${run}`
  await lake.create(
    {
      _id: `e2e-new-post-${run}`,
      _type: 'post',
      title,
      slug: {_type: 'slug', current: slug},
      publishedAt: new Date().toISOString(),
      excerpt: 'What is new this week.',
    },
    {visibility: 'sync'},
  )

  let ours: CaughtMessage[] = []
  await expect
    .poll(
      async () => {
        ours = (await messagesTo(subscriber)).filter((message) => message.subject.includes(title))
        return ours.length
      },
      {timeout: 15_000, interval: 250},
    )
    .toBe(1)
  const link = /^Read the post: (\S+)$/m.exec(ours[0]!.text)![1]!
  expect(link.startsWith(`${siteUrl}/`)).toBe(true)
  expect(link.endsWith(`/${slug}/`)).toBe(true)
  expect((await fetch(link)).status).toBe(200)

  // An edit is not a new post.
  await lake.patch(`e2e-new-post-${run}`).set({excerpt: 'Edited.'}).commit({visibility: 'sync'})
  await new Promise((resolve) => setTimeout(resolve, 1500))
  expect((await messagesTo(subscriber)).filter((message) => message.subject.includes(title))).toHaveLength(1)
})
