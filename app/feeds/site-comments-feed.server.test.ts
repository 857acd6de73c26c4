import {afterAll, beforeAll, expect, test} from 'vitest'
import {type CommentsWorld, createComment, POST, startCommentsWorld} from '../../tests/support/comments-fixture'
import {renderAtom} from './atom'
import {getSiteCommentsFeed} from './feeds.server'
import {renderRss} from './rss'

/** /comments/feed/: the newest approved comments on the whole blog, from a real lake. */

let world: CommentsWorld

beforeAll(async () => {
  world = await startCommentsWorld()
  await world.client
    .transaction()
    .createOrReplace({...POST, _id: 'post-two', slug: {_type: 'slug', current: 'second'}, title: 'Second & “quoted”'})
    .createOrReplace({...POST, _id: 'post-draft-only', slug: {_type: 'slug', current: 'unlisted'}, publishedAt: undefined})
    .commit({visibility: 'sync'})
  await createComment(world.client, {id: 'c-old', status: 'approved', name: 'Ann', body: 'First <b>words</b>', email: 'ann@example.com'})
  await new Promise((resolve) => setTimeout(resolve, 5))
  await createComment(world.client, {id: 'c-new', status: 'approved', name: 'Bo', body: 'Newest', postId: 'post-two', email: 'bo@example.com'})
  await createComment(world.client, {id: 'c-held', status: 'pending', name: 'Cy', body: 'Held words'})
  await createComment(world.client, {id: 'c-spam', status: 'spam', name: 'Dee', body: 'Spam words'})
  await createComment(world.client, {id: 'c-unlisted', status: 'approved', name: 'Eve', body: 'On an unlisted post', postId: 'post-draft-only'})
}, 60_000)
afterAll(() => world?.stop())

test('the newest approved comments, newest first, named by post and writer, never with contact details', async () => {
  const feed = await getSiteCommentsFeed('/comments/feed/')
  expect(feed).toMatchObject({title: 'Comments for Fixture Blog', link: `${world.siteUrl}/`, self: `${world.siteUrl}/comments/feed/`})
  expect(feed.entries.map((entry) => [entry.title, entry.link, entry.summary])).toEqual([
    ['Comment on Second & “quoted” by Bo', `${world.siteUrl}/2024/03/05/second/#c-new`, 'Newest'],
    [`Comment on ${POST.title} by Ann`, `${world.siteUrl}/2024/03/05/fixture-post/#c-old`, 'First <b>words</b>'],
  ])
  expect(feed.updated).toBe(feed.entries[0]!.published)

  for (const xml of [renderRss(feed), renderAtom({...feed, self: `${world.siteUrl}/comments/feed/atom/`})]) {
    expect(xml).toContain('First &lt;b&gt;words&lt;/b&gt;')
    for (const hidden of ['ann@example.com', 'bo@example.com', 'reader.example', 'Held words', 'Spam words', 'On an unlisted post'])
      expect(xml).not.toContain(hidden)
  }
})
