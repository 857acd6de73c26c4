import {afterAll, beforeAll, describe, expect, test} from 'vitest'
import {type CommentsWorld, createComment, POST_PATH, startCommentsWorld} from '../../tests/support/comments-fixture'
import {commentRecordId} from '../../contract/documents'
import {followPost} from '~/sanity/follow-ups.server'
import {countComments, eraseCommenterData, exportCommenterData, planErasure} from './commenter-data.server'

describe('planErasure', () => {
  test('deletes comments whose replies all go too, and keeps (anonymised) those others answered', () => {
    const own = ['a', 'b', 'c', 'd']
    const replies = [
      {id: 'b', parentId: 'a'}, // own reply under own comment: both can go
      {id: 'x', parentId: 'c'}, // someone else answered c
      {id: 'd', parentId: 'x'}, // own reply under theirs: can go
      {id: 'y', parentId: 'e'}, // unrelated
    ]
    expect(planErasure(own, replies)).toEqual({remove: ['a', 'b', 'd'], anonymise: ['c']})
  })

  test('a chain is kept down to the first reply by someone else', () => {
    const own = ['a', 'b']
    const replies = [
      {id: 'b', parentId: 'a'},
      {id: 'x', parentId: 'b'},
    ]
    expect(planErasure(own, replies)).toEqual({remove: [], anonymise: ['a', 'b']})
  })
})

describe('a commenter’s data in the lake', () => {
  let world: CommentsWorld
  beforeAll(async () => {
    world = await startCommentsWorld()
    const c = world.client
    await createComment(c, {id: 'comment-mine-1', status: 'approved', email: 'Me@Example.com', body: 'first', notifyReplies: true})
    await createComment(c, {id: 'comment-mine-2', status: 'spam', email: 'me@example.com', body: 'second'})
    await c
      .patch(commentRecordId('comment-mine-2'))
      .set({revisions: [{_key: 'r1', body: 'second, as first written', editedAt: '2026-01-01T00:05:00Z'}]})
      .commit()
    await createComment(c, {id: 'comment-theirs', status: 'approved', email: 'them@example.com', body: 'answer', parentId: 'comment-mine-1'})
    await createComment(c, {id: 'comment-mine-3', status: 'pending', email: 'me@example.com', body: 'third', parentId: 'comment-theirs'})
    await createComment(c, {id: 'comment-other', status: 'approved', email: 'other@example.com', body: 'unrelated'})
    await followPost(c, 'me@example.com', 'post-fixture', new Date('2026-01-01T00:00:00Z'))
    await followPost(c, 'other@example.com', 'post-fixture')
  }, 60_000)
  afterAll(() => world?.stop())

  test('the export holds exactly the requester’s comments and what is kept privately', async () => {
    expect(await countComments(world.client, ' ME@example.com ')).toBe(3)
    const data = await exportCommenterData(world.client, 'me@example.com', new Date('2026-01-02T03:04:05Z'))
    expect(data.exportedAt).toBe('2026-01-02T03:04:05.000Z')
    expect(data.comments.map((comment) => [comment.id, comment.status, comment.text]).sort()).toEqual([
      ['comment-mine-1', 'approved', 'first'],
      ['comment-mine-2', 'spam', 'second'],
      ['comment-mine-3', 'pending', 'third'],
    ])
    const first = data.comments.find((comment) => comment.id === 'comment-mine-1')!
    expect(first).toMatchObject({
      post: {title: 'Fixture post about sleep', url: `${world.siteUrl}${POST_PATH}`},
      name: 'Reader',
      website: 'https://reader.example',
      inReplyTo: null,
      keptPrivately: {
        email: 'Me@Example.com',
        notifyOfReplies: true,
        browser: 'Fixture/1.0',
        networkAddress: 'kept only as a keyed fingerprint (not the address itself)',
      },
    })
    expect(data.comments.find((comment) => comment.id === 'comment-mine-2')!.keptPrivately.earlierTexts).toEqual([
      {text: 'second, as first written', replacedAt: '2026-01-01T00:05:00Z'},
    ])
    expect(first.keptPrivately.earlierTexts).toEqual([])
    expect(data.followUps).toEqual({confirmedAt: '2026-01-01T00:00:00.000Z', postIds: ['post-fixture']})
    expect(JSON.stringify(data)).not.toContain('them@example.com')
    expect(JSON.stringify(data)).not.toContain('keyed-hash-of-the-address')
  })

  test('erasure deletes them and their private details, keeping a comment others replied to as [deleted]', async () => {
    expect(await eraseCommenterData(world.client, 'ME@example.com')).toEqual({deleted: 2, anonymised: 1})
    const ids = ['comment-mine-1', 'comment-mine-2', 'comment-mine-3']
    const documents = await world.client.fetch<{_id: string}[]>(
      '*[_id in $ids || _id in $privateIds]',
      {ids, privateIds: ids.map((id) => `comment-private.${id}`)},
      {perspective: 'raw'},
    )
    // The answered comment stays, record and public copy, with nothing of its writer left.
    expect(documents.map((document) => document._id).sort()).toEqual(['comment-mine-1', 'comment-private.comment-mine-1'])
    for (const document of documents) {
      expect(document).toMatchObject({authorName: '[deleted]', body: '[deleted]', provider: 'guest'})
      expect(Object.keys(document)).not.toEqual(expect.arrayContaining(['authorWebsite']))
      expect(JSON.stringify(document)).not.toMatch(/example\.com|keyed-hash|Fixture\/1\.0/)
    }
    expect(documents.find((document) => document._id === 'comment-private.comment-mine-1')).toMatchObject({status: 'approved'})
    // The thread and everyone else's comments are untouched.
    expect(await world.client.getDocument('comment-theirs')).toMatchObject({body: 'answer', parent: {_ref: 'comment-mine-1'}})
    expect(await world.client.getDocument('comment-private.comment-theirs')).toMatchObject({
      email: 'them@example.com',
      parent: {_ref: 'comment-private.comment-mine-1'},
    })
    expect(await world.client.getDocument('comment-private.comment-other')).toMatchObject({email: 'other@example.com'})
    expect(await countComments(world.client, 'me@example.com')).toBe(0)
    // Follow-ups go with them; another address's stay.
    expect(await world.client.fetch('*[_type == "followUps"].email', {}, {perspective: 'raw'})).toEqual(['other@example.com'])
    expect(await eraseCommenterData(world.client, 'me@example.com')).toEqual({deleted: 0, anonymised: 0})
  })
})
