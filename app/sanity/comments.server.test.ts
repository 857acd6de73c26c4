import {afterAll, beforeAll, expect, test} from 'vitest'
import {type LakeProcess, startLakeProcess} from '../../content-lake/test/lake-process'
import {setCommentStatus} from './comments.server'

let lake: LakeProcess
beforeAll(async () => {
  lake = await startLakeProcess()
  await lake
    .client()
    .transaction()
    .create({_id: 'comment-a1', _type: 'comment', status: 'pending', body: 'Thanks!'})
    .create({_id: 'comment-private.comment-a1', _type: 'commentPrivate', email: 'a@example.com'})
    .create({_id: 'post-1', _type: 'post', title: 'A post'})
    .commit()
})
afterAll(() => lake.stop())

test('a moderator’s decision patches the comment’s status in the lake', async () => {
  await setCommentStatus(lake.client(), 'comment-a1', 'approved')
  expect(await lake.client().getDocument('comment-a1')).toMatchObject({status: 'approved', body: 'Thanks!'})
  await setCommentStatus(lake.client(), 'comment-a1', 'spam')
  expect((await lake.client().getDocument('comment-a1'))?.status).toBe('spam')
})

test('only comments: a private document, another type or a missing id is refused untouched', async () => {
  for (const id of ['comment-private.comment-a1', 'post-1', 'comment-missing']) {
    await expect(setCommentStatus(lake.client(), id, 'trash')).rejects.toThrow(`No comment "${id}"`)
  }
  expect((await lake.client().getDocument('comment-private.comment-a1'))?.status).toBeUndefined()
  expect((await lake.client().getDocument('post-1'))?.status).toBeUndefined()
})
