import {afterAll, beforeAll, expect, test} from 'vitest'
import {type LakeProcess, startLakeProcess} from '../../content-lake/test/lake-process'
import {type CommentFilters, type CommentPage, commentFilter, commentPageQuery, NO_FILTERS, PAGE_SIZE} from './commentQuery'

let lake: LakeProcess
const STAFF = {staff: true}

const comment = (id: string, fields: Record<string, unknown>) => ({
  _id: `comment-private.${id}`,
  _type: 'comment',
  status: 'pending',
  post: {_type: 'reference', _ref: 'post-1', _weak: true},
  authorName: 'Ann Reader',
  email: 'ann@example.com',
  body: 'Thank you for this post.',
  submittedAt: '2026-03-10T12:00:00.000Z',
  ...fields,
})

beforeAll(async () => {
  lake = await startLakeProcess()
  const transaction = lake
    .client()
    .transaction()
    .create({_id: 'post-1', _type: 'post', title: 'On grief'})
    .create({_id: 'post-2', _type: 'post', title: 'On sleep'})
    .create(comment('plain', {}))
    .create(comment('linked', {body: 'Cheap pills at HTTPS://spam.example now', authorName: 'Bot', email: 'bot@spam.example'}))
    .create(comment('www', {body: 'see www.example.org', submittedAt: '2026-03-01T12:00:00.000Z'}))
    .create(comment('reported', {reportCount: 2, post: {_type: 'reference', _ref: 'post-2', _weak: true}}))
    .create(comment('approved', {status: 'approved', body: 'Sleep hygiene helped me', authorName: 'Sam Sleeper', email: 'sam@example.com'}))
    .create(comment('care', {spamReason: 'Needs care: possible crisis language', submittedAt: '2026-02-20T12:00:00.000Z'}))
  await transaction.commit({visibility: 'sync'})
})
afterAll(() => lake?.stop())

async function found(filters: Partial<CommentFilters>, {staff = true, page = 0} = {}): Promise<CommentPage> {
  const {query, params} = commentPageQuery({...NO_FILTERS, ...filters}, {staff, page})
  return lake.client().fetch<CommentPage>(query, params, {perspective: 'published'})
}
const ids = async (filters: Partial<CommentFilters>, options?: {staff?: boolean}) =>
  (await found(filters, options)).rows.map((row) => row._id.replace('comment-private.', '')).sort()

test('each filter narrows the comments as it says, on the real lake', async () => {
  expect(await ids({})).toEqual(['care', 'linked', 'plain', 'reported', 'www'])
  expect(await ids({status: 'approved'})).toEqual(['approved'])
  expect(await ids({status: 'any'})).toHaveLength(6)
  expect(await ids({status: 'needs-care'})).toEqual(['care'])
  expect(await ids({status: 'any', text: 'sleep'})).toEqual(['approved'])
  expect(await ids({status: 'any', name: 'sam'})).toEqual(['approved'])
  expect(await ids({email: 'bot@spam.example'})).toEqual(['linked'])
  expect(await ids({post: 'post-2'})).toEqual(['reported'])
  expect(await ids({hasLinks: true})).toEqual(['linked', 'www'])
  expect(await ids({reported: true})).toEqual(['reported'])
})

test('a date range takes whole days, both included, in the moderator’s time zone', async () => {
  expect(await ids({from: '2026-03-01', to: '2026-03-01'})).toEqual(['www'])
  expect(await ids({from: '2026-03-02'})).toEqual(['linked', 'plain', 'reported'])
  expect(await ids({to: '2026-02-28'})).toEqual(['care'])
  // A day that is not a day is no bound at all.
  expect(await ids({from: 'yesterday'})).toHaveLength(5)
})

test('email is searched and shown for staff only', async () => {
  expect(await ids({email: 'bot@spam.example'}, {staff: false})).toHaveLength(5)
  expect(commentFilter({...NO_FILTERS, email: 'bot@spam.example'}, {staff: false}).params).not.toHaveProperty('email')
  const rows = (await found({}, {staff: false})).rows
  expect(rows.every((row) => !('email' in row))).toBe(true)
  expect((await found({}, {staff: true})).rows.map((row) => row.email)).toContain('ann@example.com')
})

test('what a moderator types is a parameter, never part of the query', () => {
  const hostile = '") || true || ("'
  const {query, params} = commentPageQuery({...NO_FILTERS, text: hostile, name: hostile, email: hostile, post: hostile}, {staff: true, page: 0})
  expect(query).not.toContain(hostile)
  expect(query).not.toContain('true')
  expect(Object.values(params)).toContain(hostile)
})

test('the status comes first, in the shape the lake indexes, and every read is one page, newest first', () => {
  const {query, params} = commentPageQuery({...NO_FILTERS, status: 'spam', text: 'x'}, {staff: true, page: 2})
  expect(query).toContain('*[_type == "comment" && status == $status && ')
  expect(query).toContain('| order(submittedAt desc) [$start...$end]')
  expect(params).toMatchObject({status: 'spam', start: 2 * PAGE_SIZE, end: 3 * PAGE_SIZE})
})

test('pages are PAGE_SIZE long and count every match', async () => {
  const transaction = lake.client().transaction()
  for (let index = 0; index < PAGE_SIZE + 5; index++) {
    transaction.create(comment(`many-${index}`, {status: 'trash', submittedAt: new Date(Date.UTC(2026, 0, 1, 0, index)).toISOString()}))
  }
  await transaction.commit({visibility: 'sync'})
  const first = await found({status: 'trash'})
  const second = await found({status: 'trash'}, {page: 1})
  expect(first.total).toBe(PAGE_SIZE + 5)
  expect(first.rows).toHaveLength(PAGE_SIZE)
  expect(first.rows[0]?._id).toBe(`comment-private.many-${PAGE_SIZE + 4}`)
  expect(second.rows.map((row) => row._id)).toEqual([4, 3, 2, 1, 0].map((index) => `comment-private.many-${index}`))
})

test('a long search is cut to a bounded length', () => {
  const {params} = commentFilter({...NO_FILTERS, text: 'word '.repeat(1000)}, STAFF)
  expect(String(params.text).length).toBeLessThanOrEqual(200)
})
