import type {SanityClient} from '@sanity/client'
import {listenQuery} from 'sanity'
import {afterAll, beforeAll, expect, test} from 'vitest'
import {startLakeProcess, type LakeProcess} from '../../content-lake/test/lake-process'
import {NEEDS_CARE_FILTER, NEEDS_CARE_PARAMS, needsCareCommentCount, pendingCommentCount, withCount} from './pendingCount'

// The count as the Studio gets it: Sanity's own listenQuery (what `context.documentStore`
// calls) with the real client, against the real local lake's query and listen endpoints.
let lake: LakeProcess
let client: SanityClient

beforeAll(async () => {
  lake = await startLakeProcess()
  client = lake.client()
  await client.create({_id: 'post-1', _type: 'post', title: 'A post'})
})

afterAll(async () => {
  await lake?.stop()
})

const comment = (id: string, status: string) => ({_id: id, _type: 'comment', status, post: {_type: 'reference', _ref: 'post-1'}, body: id})

test('the pending count starts right and follows comments into and out of Pending', async () => {
  await client.create(comment('comment-a', 'pending'))
  await client.create(comment('comment-b', 'pending'))
  await client.create(comment('comment-c', 'approved'))

  const seen: number[] = []
  const waiters: Array<{count: number; resolve: () => void}> = []
  const subscription = pendingCommentCount({
    listenQuery: (query, params, options) => listenQuery(client, query, params, {...options, throttleTime: 50}),
  }).subscribe((count) => {
    seen.push(count)
    for (const waiter of waiters.filter((w) => w.count === count)) waiter.resolve()
  })
  const counted = (count: number) =>
    seen.at(-1) === count
      ? Promise.resolve()
      : new Promise<void>((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error(`never counted ${count}; saw ${seen.join(', ')}`)), 10_000)
          waiters.push({
            count,
            resolve: () => {
              clearTimeout(timer)
              resolve()
            },
          })
        })
  try {
    await counted(2)
    await client.patch('comment-a').set({status: 'approved'}).commit() // leaves Pending
    await counted(1)
    await client.patch('comment-c').set({status: 'pending'}).commit() // comes back
    await counted(2)
    await client.create(comment('comment-d', 'pending')) // a new one arrives
    await counted(3)
    await client.patch('comment-b').set({status: 'spam'}).commit()
    await client.delete('comment-d')
    await counted(1)
    // A moderator's unpublished draft of a pending comment is the same comment, not a second one.
    await client.create({...comment('drafts.comment-c', 'pending'), body: 'edited'})
    await client.patch('comment-c').set({body: 'nudge'}).commit()
    await new Promise((resolve) => setTimeout(resolve, 500))
    expect(seen.at(-1)).toBe(1)
    // Unchanged counts are not re-emitted, so the pane is not rebuilt for nothing.
    expect(seen.every((count, index) => index === 0 || count !== seen[index - 1])).toBe(true)
  } finally {
    subscription.unsubscribe()
  }
}, 30_000)

test('Needs care counts pending comments whose hold reason starts with the marker, and the list shows the same ones', async () => {
  const held = (id: string, status: string, spamReason: string) => ({...comment(id, status), spamReason})
  await client
    .transaction()
    .create(held('comment-care-1', 'pending', 'Needs care: possible crisis language (self-harm). First comment from this person.'))
    .create(held('comment-care-2', 'pending', 'Personal details: a phone number; redact before approving.'))
    .create(held('comment-care-3', 'approved', 'Needs care: possible crisis language (suicidal thoughts).'))
    .create(held('comment-care-4', 'pending', 'First comment from this person. Needs care later?'))
    .commit({visibility: 'sync'})
  const counts: number[] = []
  const subscription = needsCareCommentCount({
    listenQuery: (query, params, options) => listenQuery(client, query, params, {...options, throttleTime: 50}),
  }).subscribe((count) => counts.push(count))
  try {
    await expect.poll(() => counts.at(-1), {timeout: 10_000}).toBe(1)
    await client.patch('comment-care-3').set({status: 'pending'}).commit()
    await expect.poll(() => counts.at(-1), {timeout: 10_000}).toBe(2)
    await client.patch('comment-care-1').set({status: 'approved'}).commit()
    await expect.poll(() => counts.at(-1), {timeout: 10_000}).toBe(1)
  } finally {
    subscription.unsubscribe()
  }
  expect(await client.fetch(`*[${NEEDS_CARE_FILTER}]._id`, NEEDS_CARE_PARAMS)).toEqual(['comment-care-3'])
})

test('the Pending title carries the count', () => {
  expect(withCount('Pending', 0)).toBe('Pending (0)')
  expect(withCount('Pending', 12)).toBe('Pending (12)')
})
