import {afterAll, beforeAll, expect, test} from 'vitest'
import {type CommentsWorld, createComment, startCommentsWorld} from '../../tests/support/comments-fixture'
import {setCommentStatus} from '~/sanity/comments.server'
import {purgeComments, purgeOldSpam} from './scheduled-purges.server'

let world: CommentsWorld
beforeAll(async () => {
  world = await startCommentsWorld()
}, 60_000)
afterAll(() => world?.stop())

const DAY = 24 * 60 * 60 * 1000
const RETENTION = {spam: 30, trash: 30, decidedDetails: 30}
const moderator = {who: {kind: 'studio', userId: 'p-moderator', name: 'Mo'}} as const

// Every document a comment may have: its record, its public copy and a Studio draft.
async function existing(ids: string[]): Promise<string[]> {
  const all = ids.flatMap((id) => [id, `comment-private.${id}`, `drafts.comment-private.${id}`])
  return (await world.client.fetch<string[]>('*[_id in $all]._id', {all}, {perspective: 'raw'})).sort()
}

const auditCount = (id: string) =>
  world.client.fetch<number>('count(*[_type == "commentAudit" && comment._ref == $record])', {record: `comment-private.${id}`}, {perspective: 'raw'})

test('spam is deleted with everything of it once it has been spam for the retention period; nothing else is', async () => {
  await createComment(world.client, {id: 'comment-spam', status: 'spam'})
  await createComment(world.client, {id: 'comment-pending', status: 'pending'})
  await createComment(world.client, {id: 'comment-approved', status: 'approved'})
  const ids = ['comment-spam', 'comment-pending', 'comment-approved']
  const everything = await existing(ids)
  // Three records and the approved one's public copy.
  expect(everything).toHaveLength(4)

  // 29 days on, the spam is still within its 30 days.
  expect(await purgeOldSpam(world.client, {retentionDays: 30, now: new Date(Date.now() + 29 * DAY)})).toBe(0)
  expect(await existing(ids)).toEqual(everything)

  expect(await purgeOldSpam(world.client, {retentionDays: 30, now: new Date(Date.now() + 31 * DAY)})).toBe(1)
  expect(await existing(ids)).toEqual(everything.filter((id) => !id.endsWith('comment-spam')))
})

test('trash is deleted once trashed for TRASH_RETENTION_DAYS (counted from the decision); its log goes one period later', async () => {
  await createComment(world.client, {id: 'comment-trashed', status: 'approved'})
  await world.client.createOrReplace({_id: 'drafts.comment-private.comment-trashed', _type: 'comment', status: 'approved', body: 'A draft edit'})
  await setCommentStatus(world.client, 'comment-trashed', 'trash', moderator)
  expect(await existing(['comment-trashed'])).toEqual(['comment-private.comment-trashed', 'drafts.comment-private.comment-trashed'])

  expect(await purgeComments(world.client, RETENTION, new Date(Date.now() + 29 * DAY))).toMatchObject({trash: 0, audit: 0})
  expect(await existing(['comment-trashed'])).toHaveLength(2)
  expect(await purgeComments(world.client, RETENTION, new Date(Date.now() + 31 * DAY))).toMatchObject({trash: 1})
  expect(await existing(['comment-trashed'])).toEqual([])
  // The log (held, trashed, deleted) outlives the comment by one trash period.
  expect(await auditCount('comment-trashed')).toBe(3)
  expect(
    await world.client.fetch(
      '*[_type == "commentAudit" && comment._ref == "comment-private.comment-trashed" && to == "deleted"][0]{from, who}',
      {},
      {perspective: 'raw'},
    ),
  ).toEqual({from: 'trash', who: {kind: 'site', task: 'trash retention'}})
  expect(await purgeComments(world.client, RETENTION, new Date(Date.now() + 60 * DAY))).toMatchObject({audit: 0})
  // (The spam deleted by the test above goes too.)
  expect((await purgeComments(world.client, RETENTION, new Date(Date.now() + 62 * DAY))).audit).toBeGreaterThanOrEqual(3)
  expect(await auditCount('comment-trashed')).toBe(0)
})

test('the address hash and sealed spam-check parameters go once a comment has been decided for DECIDED_DETAILS_RETENTION_DAYS; held comments keep them', async () => {
  await createComment(world.client, {id: 'comment-decided', status: 'pending'})
  await createComment(world.client, {id: 'comment-still-held', status: 'pending'})
  for (const id of ['comment-decided', 'comment-still-held']) {
    await world.client.patch(`comment-private.${id}`).set({akismetCheck: 'sealed-parameters'}).commit({visibility: 'sync'})
  }
  await setCommentStatus(world.client, 'comment-decided', 'approved', moderator)
  const details = async (id: string) => {
    const record = await world.client.getDocument(`comment-private.${id}`)
    return [record?.networkAddressHash, record?.akismetCheck]
  }
  await purgeComments(world.client, RETENTION, new Date(Date.now() + 29 * DAY))
  expect(await details('comment-decided')).toEqual(['keyed-hash-of-the-address', 'sealed-parameters'])
  expect((await purgeComments(world.client, RETENTION, new Date(Date.now() + 31 * DAY))).details).toBeGreaterThanOrEqual(1)
  expect(await details('comment-decided')).toEqual([undefined, undefined])
  expect(await details('comment-still-held')).toEqual(['keyed-hash-of-the-address', 'sealed-parameters'])
  // The comment itself, its email and its public copy are untouched.
  expect(await world.client.getDocument('comment-private.comment-decided')).toMatchObject({email: 'reader@example.com', body: 'A thoughtful comment.'})
  expect(await world.client.getDocument('comment-decided')).toMatchObject({body: 'A thoughtful comment.'})
})

test('a backlog bigger than one batch is purged in full', async () => {
  const ids = Array.from({length: 205}, (_, index) => `comment-backlog-${index}`)
  for (let start = 0; start < ids.length; start += 50) {
    await Promise.all(ids.slice(start, start + 50).map((id) => createComment(world.client, {id, status: 'spam'})))
  }
  expect(await purgeOldSpam(world.client, {retentionDays: 1, now: new Date(Date.now() + 2 * DAY)})).toBe(205)
  expect(await existing(ids)).toEqual([])
})
