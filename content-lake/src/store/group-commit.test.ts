import {afterAll, beforeAll, expect, test} from 'vitest'
import {startLakeProcess, type LakeProcess} from '../../test/lake-process'

// Concurrent writers: each request stays atomic and serialised, even when many share one commit.

let lake: LakeProcess

beforeAll(async () => {
  lake = await startLakeProcess()
})

afterAll(async () => {
  await lake?.stop()
})

test('concurrent increments of one document all count', async () => {
  const client = lake.client()
  await client.create({_id: 'counter', _type: 'thing', n: 0})
  const responses = await Promise.all(Array.from({length: 100}, () => client.patch('counter').inc({n: 1}).commit()))
  expect((await client.getDocument('counter'))!.n).toBe(100)
  // Each request is its own transaction: every revision is different.
  expect(new Set(responses.map((doc) => doc._rev)).size).toBe(100)
})

test('a failing write among concurrent ones fails alone', async () => {
  const client = lake.client()
  const outcomes = await Promise.allSettled([
    client.create({_id: 'ok-1', _type: 'thing'}),
    client.patch('no-such-document').set({a: 1}).commit(),
    client.create({_id: 'ok-2', _type: 'thing'}),
    client.transaction().create({_id: 'half-1', _type: 'thing'}).create({_id: 'ok-1', _type: 'thing'}).commit(),
  ])
  expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'rejected'])
  const ids = await client.fetch('*[_id in ["ok-1", "ok-2", "half-1"]]._id')
  expect(ids).toEqual(['ok-1', 'ok-2'])
})

test('a transaction id can be used once, even within one group commit', async () => {
  const client = lake.client()
  const outcomes = await Promise.allSettled([
    client
      .transaction()
      .create({_id: 'tx-a', _type: 'thing'})
      .commit({transactionId: 'same-id'} as never),
    client
      .transaction()
      .create({_id: 'tx-b', _type: 'thing'})
      .commit({transactionId: 'same-id'} as never),
  ])
  expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1)
  expect(outcomes.find((o) => o.status === 'rejected')).toMatchObject({reason: {statusCode: 409}})
})
