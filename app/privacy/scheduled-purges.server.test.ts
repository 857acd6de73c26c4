import {afterAll, beforeAll, expect, test} from 'vitest'
import {type CommentsWorld, createComment, startCommentsWorld} from '../../tests/support/comments-fixture'
import {purgeOldSpam} from './scheduled-purges.server'

let world: CommentsWorld
beforeAll(async () => {
  world = await startCommentsWorld()
}, 60_000)
afterAll(() => world?.stop())

const DAY = 24 * 60 * 60 * 1000

async function existing(ids: string[]): Promise<string[]> {
  const all = [...ids, ...ids.map((id) => `comment-private.${id}`)]
  return (await world.client.fetch<string[]>('*[_id in $all]._id', {all}, {perspective: 'raw'})).sort()
}

test('spam is deleted with its private details once it has been spam for the retention period; nothing else is', async () => {
  await createComment(world.client, {id: 'comment-spam', status: 'spam'})
  await createComment(world.client, {id: 'comment-pending', status: 'pending'})
  await createComment(world.client, {id: 'comment-approved', status: 'approved'})
  await createComment(world.client, {id: 'comment-trash', status: 'trash'})
  const ids = ['comment-spam', 'comment-pending', 'comment-approved', 'comment-trash']
  const everything = await existing(ids)
  expect(everything).toHaveLength(8)

  // 29 days on, the spam is still within its 30 days.
  expect(await purgeOldSpam(world.client, {retentionDays: 30, now: new Date(Date.now() + 29 * DAY)})).toBe(0)
  expect(await existing(ids)).toEqual(everything)

  expect(await purgeOldSpam(world.client, {retentionDays: 30, now: new Date(Date.now() + 31 * DAY)})).toBe(1)
  expect(await existing(ids)).toEqual(everything.filter((id) => !id.endsWith('comment-spam')))
})

test('a backlog bigger than one batch is purged in full', async () => {
  const ids = Array.from({length: 205}, (_, index) => `comment-backlog-${index}`)
  for (let start = 0; start < ids.length; start += 50) {
    await Promise.all(ids.slice(start, start + 50).map((id) => createComment(world.client, {id, status: 'spam'})))
  }
  expect(await purgeOldSpam(world.client, {retentionDays: 1, now: new Date(Date.now() + 2 * DAY)})).toBe(205)
  expect(await existing(ids)).toEqual([])
})
