import {afterAll, beforeAll, expect, test} from 'vitest'
import {type LakeProcess, startLakeProcess} from '../../content-lake/test/lake-process'
import {BULK_STEPS, type BulkStep, CONFIRM_ABOVE, needsConfirmation, type Outcome, outcomeSummary, runBulk} from './bulkModeration'

let lake: LakeProcess
const who = {kind: 'studio', userId: 'p-local-morgan', name: 'Morgan'} as const
const step = (label: string): BulkStep => BULK_STEPS.find((candidate) => candidate.label === label)!

const record = (id: string, status: string) => ({
  _id: `comment-private.${id}`,
  _type: 'comment',
  status,
  post: {_type: 'reference', _ref: 'post-1', _weak: true},
  authorName: `Reader ${id}`,
  provider: 'guest',
  email: `${id}@example.com`,
  body: `Comment ${id}`,
  submittedAt: '2026-03-10T12:00:00.000Z',
})

async function stored(entries: [string, string][]): Promise<string[]> {
  const transaction = lake.client().transaction()
  for (const [id, status] of entries) transaction.create(record(id, status))
  await transaction.commit({visibility: 'sync'})
  return entries.map(([id]) => `comment-private.${id}`)
}

const statusOf = (id: string) => lake.client().fetch<string | null>('*[_id == $id][0].status', {id})
const auditOf = (id: string) =>
  lake
    .client()
    .fetch<{from: string; to: string; who: unknown}[]>('*[_type == "commentAudit" && comment._ref == $id]{from, to, who}', {id}, {perspective: 'raw'})

beforeAll(async () => {
  lake = await startLakeProcess()
  await lake.client().create({_id: 'post-1', _type: 'post', title: 'On grief'})
})
afterAll(() => lake?.stop())

test('approving many writes each as its own button does: status, public copy and an audit entry in the moderator’s name', async () => {
  const ids = await stored([
    ['b1', 'pending'],
    ['b2', 'pending'],
    ['b3', 'trash'],
  ])
  const seen: Outcome[] = []
  const outcomes = await runBulk({client: lake.client(), ids, step: step('Approve'), who, onOutcome: (outcome) => seen.push(outcome)})
  expect(outcomes.map((outcome) => outcome.kind)).toEqual(['changed', 'changed', 'changed'])
  expect(seen).toHaveLength(3)
  for (const id of ids) {
    expect(await statusOf(id)).toBe('approved')
    const publicId = id.replace('comment-private.', '')
    expect(await lake.client().getDocument(publicId)).toMatchObject({_type: 'publicComment', authorName: expect.stringMatching(/^Reader/)})
    // The public copy holds nothing private.
    expect(await lake.client().getDocument(publicId)).not.toHaveProperty('email')
    expect(await auditOf(id)).toEqual([{from: id.endsWith('b3') ? 'trash' : 'pending', to: 'approved', who}])
  }
})

test('running it again changes nothing more: what is done is skipped, so a rerun finishes only what failed', async () => {
  const ids = await stored([
    ['r1', 'pending'],
    ['r2', 'pending'],
  ])
  await runBulk({client: lake.client(), ids: [ids[0]!], step: step('Spam'), who})
  const again = await runBulk({client: lake.client(), ids, step: step('Spam'), who})
  expect(again).toEqual([
    {id: ids[0], kind: 'skipped', reason: 'Already spam.'},
    {id: ids[1], kind: 'changed'},
  ])
  expect(await auditOf(ids[0]!)).toHaveLength(1)
  expect(outcomeSummary(step('Spam'), again)).toBe('1 marked as spam, 1 skipped')
})

test('one that fails or does not apply leaves the others done, each with its reason', async () => {
  const ids = await stored([
    ['f1', 'pending'],
    ['f2', 'spam'],
  ])
  await lake.client().create({...record('f3', 'pending'), _id: 'drafts.comment-private.f3', body: 'Redacted [removed]'})
  await lake.client().create(record('f3', 'pending'))
  const outcomes = await runBulk({client: lake.client(), ids: [ids[0]!, 'comment-private.gone', ids[1]!, 'comment-private.f3'], step: step('Approve'), who})
  expect(outcomes).toEqual([
    {id: ids[0], kind: 'changed'},
    {id: 'comment-private.gone', kind: 'failed', reason: 'It no longer exists.'},
    // Spam goes back to pending first (Restore), as on the comment itself.
    {id: ids[1], kind: 'skipped', reason: 'Approve is not offered for a comment that is spam.'},
    // A draft holds edits the moderator has to see: never published unseen.
    {id: 'comment-private.f3', kind: 'skipped', reason: 'It has unpublished edits: open it to review them and decide there.'},
  ])
  expect(await statusOf(ids[0]!)).toBe('approved')
  expect(await statusOf(ids[1]!)).toBe('spam')
  expect(await statusOf('comment-private.f3')).toBe('pending')
  expect(outcomeSummary(step('Approve'), outcomes)).toBe('1 approved, 2 skipped, 1 failed')
})

test('a comment changed between reading and writing is read again and decided on what it is now', async () => {
  const [id] = await stored([['c1', 'spam']])
  const client = lake.client()
  let interfered = false
  // Another moderator trashes it right after this run read it: the guarded write fails (409), the run reads again.
  const racing = {
    fetch: (async (...args: Parameters<typeof client.fetch>) => {
      const result = await client.fetch(...args)
      if (!interfered) {
        interfered = true
        await client.patch(id!).set({status: 'trash'}).commit({visibility: 'sync'})
      }
      return result
    }) as typeof client.fetch,
    mutate: client.mutate.bind(client),
  }
  const outcomes = await runBulk({client: racing, ids: [id!], step: step('Restore'), who})
  expect(outcomes).toEqual([{id, kind: 'changed'}])
  expect(await auditOf(id!)).toEqual([{from: 'trash', to: 'pending', who}])
})

test('Restore sends spam and trash back to pending; Spam and Trash ask first for more than a handful', async () => {
  const ids = await stored([
    ['s1', 'spam'],
    ['s2', 'trash'],
    ['s3', 'approved'],
  ])
  const outcomes = await runBulk({client: lake.client(), ids, step: step('Restore'), who})
  expect(outcomes.map((outcome) => outcome.kind)).toEqual(['changed', 'changed', 'skipped'])
  expect(await Promise.all(ids.map(statusOf))).toEqual(['pending', 'pending', 'approved'])
  expect(needsConfirmation(step('Spam'), CONFIRM_ABOVE + 1)).toBe(true)
  expect(needsConfirmation(step('Trash'), CONFIRM_ABOVE + 1)).toBe(true)
  expect(needsConfirmation(step('Trash'), CONFIRM_ABOVE)).toBe(false)
  expect(needsConfirmation(step('Approve'), 500)).toBe(false)
})
