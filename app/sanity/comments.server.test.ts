import {afterAll, beforeAll, expect, test} from 'vitest'
import {type LakeProcess, startLakeProcess} from '../../content-lake/test/lake-process'
import {migrateOldComments, saveComment, setCommentStatus} from './comments.server'

let lake: LakeProcess
beforeAll(async () => {
  lake = await startLakeProcess()
  await lake.client().create({_id: 'post-1', _type: 'post', title: 'A post'})
})
afterAll(() => lake.stop())

const SUBMITTED = new Date('2026-01-02T03:04:05.000Z')
const moderator = {kind: 'moderator', provider: 'github', accountId: '4242', name: 'Morgan'} as const

async function storeHeld(id: string) {
  await saveComment(lake.client(), {
    id,
    post: {_id: 'post-1'},
    submission: {
      name: 'Ann',
      email: 'ann@example.com',
      body: 'Thanks!',
      notifyReplies: false,
      notifyPosts: false,
      identity: {provider: 'github', accountId: '99'},
    },
    status: 'pending',
    spamVerdict: 'ham',
    reasons: ['Needs care'],
    submittedAt: SUBMITTED,
    networkAddressHash: 'hash',
    userAgent: 'Test/1.0',
  })
}

const auditOf = (id: string) =>
  lake
    .client()
    .fetch<{from: string | null; to: string; who: Record<string, unknown>; why?: string}[]>(
      '*[_type == "commentAudit" && comment._ref == $record] | order(at asc, from asc){from, to, who, why}',
      {record: `comment-private.${id}`},
      {perspective: 'raw'},
    )

test('a new comment is a private record only; its first audit entry says the site held it and why', async () => {
  await storeHeld('comment-a1')
  expect(await lake.client().getDocument('comment-private.comment-a1')).toMatchObject({
    _type: 'comment',
    status: 'pending',
    body: 'Thanks!',
    providerAccountId: '99',
    email: 'ann@example.com',
    spamReason: 'Needs care',
  })
  expect(await lake.client().getDocument('comment-a1')).toBeUndefined()
  expect(await auditOf('comment-a1')).toEqual([{from: null, to: 'pending', who: {kind: 'site', task: 'new comment'}, why: 'Needs care'}])
})

test('approving makes the public copy (public fields only) in the same transaction as the status and the audit entry; unapproving removes it', async () => {
  await storeHeld('comment-a2')
  expect(await setCommentStatus(lake.client(), 'comment-a2', 'approved', {who: moderator})).toBe(true)
  const [record, copy, entries] = await Promise.all([
    lake.client().getDocument('comment-private.comment-a2'),
    lake.client({token: null}).getDocument('comment-a2'),
    lake
      .client()
      .fetch<{_rev: string; to: string}[]>('*[_type == "commentAudit" && comment._ref == "comment-private.comment-a2"]{_rev, to}', {}, {perspective: 'raw'}),
  ])
  expect(record).toMatchObject({status: 'approved', decidedAt: expect.any(String)})
  expect(copy).toEqual({
    _id: 'comment-a2',
    _type: 'publicComment',
    _rev: expect.any(String),
    _createdAt: expect.any(String),
    _updatedAt: expect.any(String),
    post: {_type: 'reference', _ref: 'post-1', _weak: true},
    authorName: 'Ann',
    provider: 'github',
    body: 'Thanks!',
    submittedAt: SUBMITTED.toISOString(),
  })
  // One transaction wrote the record, the copy and the audit entry (a transaction's id is its documents' revision).
  expect(copy!._rev).toBe(record!._rev)
  expect(entries.find((entry) => entry.to === 'approved')?._rev).toBe(record!._rev)

  expect(await setCommentStatus(lake.client(), 'comment-a2', 'pending', {who: {kind: 'email', address: 'mod@example.com'}})).toBe(true)
  expect(await lake.client().getDocument('comment-a2')).toBeUndefined()
  expect((await lake.client().getDocument('comment-private.comment-a2'))?.status).toBe('pending')
  expect((await auditOf('comment-a2')).slice(1)).toEqual([
    {from: 'pending', to: 'approved', who: moderator, why: null},
    {from: 'approved', to: 'pending', who: {kind: 'email', address: 'mod@example.com'}, why: null},
  ])
  // The same status again changes nothing and logs nothing.
  expect(await setCommentStatus(lake.client(), 'comment-a2', 'pending', {who: moderator})).toBe(false)
  expect(await auditOf('comment-a2')).toHaveLength(3)
})

test('only comments: an audit entry, another type or a missing id is refused untouched', async () => {
  await storeHeld('comment-a3')
  const [entry] = await lake.client().fetch<string[]>('*[_type == "commentAudit"][0...1]._id', {}, {perspective: 'raw'})
  for (const id of [entry!, 'post-1', 'comment-missing', 'drafts.comment-a3']) {
    await expect(setCommentStatus(lake.client(), id, 'trash', {who: moderator})).rejects.toThrow(`No comment "${id}"`)
  }
  expect((await lake.client().getDocument('post-1'))?.status).toBeUndefined()
})

test('comments stored the old way (public comment + private half) move to records and public copies, once', async () => {
  const old = (id: string, status: string, extra: object = {}) => ({
    _id: id,
    _type: 'comment',
    status,
    post: {_type: 'reference', _ref: 'post-1', _weak: true},
    authorName: `Old ${id}`,
    provider: 'google',
    providerAccountId: 'acct-1',
    body: `Old text of ${id}`,
    spamReason: 'held',
    submittedAt: '2020-01-01T00:00:00.000Z',
    ...extra,
  })
  const half = (id: string) => ({
    _id: `comment-private.${id}`,
    _type: 'commentPrivate',
    comment: {_type: 'reference', _ref: id, _weak: true},
    email: `${id}@example.com`,
  })
  await lake
    .client()
    .transaction()
    .create(old('comment-old1', 'approved'))
    .create(half('comment-old1'))
    .create(old('comment-old2', 'pending', {parent: {_type: 'reference', _ref: 'comment-old1', _weak: true}}))
    .create(half('comment-old2'))
    .create(half('comment-gone'))
    .commit({visibility: 'sync'})

  expect(await migrateOldComments(lake.client())).toBe(2)
  expect(await lake.client().getDocument('comment-private.comment-old2')).toMatchObject({
    _type: 'comment',
    status: 'pending',
    body: 'Old text of comment-old2',
    providerAccountId: 'acct-1',
    email: 'comment-old2@example.com',
    parent: {_ref: 'comment-private.comment-old1'},
  })
  expect(await lake.client().getDocument('comment-old2')).toBeUndefined()
  const copy = await lake.client({token: null}).getDocument('comment-old1')
  expect(copy).toMatchObject({_type: 'publicComment', body: 'Old text of comment-old1', provider: 'google'})
  expect(copy).not.toHaveProperty('providerAccountId')
  expect(copy).not.toHaveProperty('status')
  expect(copy).not.toHaveProperty('spamReason')
  expect(await lake.client().getDocument('comment-private.comment-gone')).toBeUndefined()
  expect(await lake.client().fetch('count(*[_type == "commentPrivate"])', {}, {perspective: 'raw'})).toBe(0)

  // A second run finds nothing.
  const before = await lake.client().fetch('*[_id in ["comment-old1", "comment-private.comment-old1"]]{_id, _rev}', {}, {perspective: 'raw'})
  expect(await migrateOldComments(lake.client())).toBe(0)
  expect(await lake.client().fetch('*[_id in ["comment-old1", "comment-private.comment-old1"]]{_id, _rev}', {}, {perspective: 'raw'})).toEqual(before)
})
