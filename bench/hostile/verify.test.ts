import {afterAll, beforeAll, expect, test} from 'vitest'
import {type LakeProcess, startLakeProcess, TEST_TOKEN} from '../../content-lake/test/lake-process'
import type {WriteLedger} from './honest'
import {checkWrites, datasetCount} from './verify'

let lake: LakeProcess
const options = {timeoutMs: 10_000, stop: new AbortController().signal}
const ledger = (acknowledged: string[], commentsAccepted: string[]): WriteLedger => ({
  acknowledged,
  commentsAccepted,
  commentsRefused: [
    {status: 429, textReturned: true},
    {status: 400, textReturned: false},
  ],
  commentsUnanswered: 1,
  writesUnanswered: 2,
})

beforeAll(async () => {
  lake = await startLakeProcess()
  await lake
    .client()
    .transaction()
    .create({_id: 'probe-1', _type: 'hostileProbe'})
    // A held comment: its private record alone, no public copy.
    .create({_id: 'comment-private.comment-1', _type: 'comment', status: 'pending'})
    .commit({visibility: 'sync'})
})
afterAll(() => lake.stop())

test('names the acknowledged writes and accepted comments the lake does not have', async () => {
  const check = await checkWrites(
    ledger(['probe-1', 'probe-lost'], ['comment-1', 'comment-lost']),
    {url: lake.url, dataset: 'production', token: TEST_TOKEN},
    options,
  )
  expect(check).toEqual({
    acknowledged: 2,
    acknowledgedMissing: ['probe-lost'],
    commentsAccepted: 2,
    commentsMissing: ['comment-lost'],
    commentsRefused: 2,
    refusedWithoutText: 1,
    commentsUnanswered: 1,
    writesUnanswered: 2,
  })
})

test('a check the lake refuses is reported, not taken for "nothing missing"', async () => {
  const check = await checkWrites(ledger(['probe-1'], []), {url: lake.url, dataset: 'production', token: 'not-a-token'}, options)
  expect(check.error).toBe('the lake answered the check with 401')
})

test('counts the datasets on disk', async () => {
  expect(datasetCount(lake.dataDir)).toBe(1)
  await lake.client().withConfig({dataset: 'second'}).create({_id: 'x', _type: 'hostileProbe'}, {visibility: 'sync'})
  expect(datasetCount(lake.dataDir)).toBe(2)
})
