import {afterAll, beforeAll, expect, test} from 'vitest'
import {type CommentsWorld, startCommentsWorld} from '../../tests/support/comments-fixture'

/**
 * Drafts kept across a log-in, against a real lake: bounded like comments (field limits, rate
 * limits per network and per session, one per session) and deleted once expired.
 */
let world: CommentsWorld
let drafts: typeof import('./comment-draft.server')
let sessions: typeof import('~/session/session.server')
const PAGE = 'http://localhost:3999/2024/03/05/fixture-post/'

beforeAll(async () => {
  world = await startCommentsWorld()
  process.env.COMMENT_RATE_LIMIT_PER_NETWORK = '3'
  process.env.COMMENT_RATE_LIMIT_PER_COMMENTER = '2'
  drafts = await import('./comment-draft.server')
  sessions = await import('~/session/session.server')
}, 60_000)
afterAll(() => world?.stop())

const form = (fields: Record<string, string>) => {
  const data = new FormData()
  for (const [name, value] of Object.entries(fields)) data.set(name, value)
  return data
}
const typed = {name: 'Ann', email: 'ann@example.com', body: 'Half a thought…'}
const draftCount = () => world.client.fetch<number>('count(*[_type == "commentDraft"])', {}, {perspective: 'raw'})
let network = 0
/** A network of its own for each test, so the limits don't mix them up. */
const newNetwork = () => `203.0.${++network}.9`

test('a draft is kept sealed for a day and offered back on its page', async () => {
  const session = await sessions.newSession()
  expect(await drafts.saveCommentDraft(session, form(typed), '/2024/03/05/fixture-post/', {clientAddress: newNetwork()})).toBeNull()
  const id = session.get('commentDraft')!
  expect(id).toMatch(/^comment-draft\./)
  const stored = await world.client.getDocument(id)
  expect(stored).toMatchObject({_type: 'commentDraft', sealed: expect.any(String)})
  expect(JSON.stringify(stored)).not.toContain('ann@example.com')
  expect(Date.parse(stored!.expiresAt) - Date.now()).toBeGreaterThan(23.9 * 60 * 60 * 1000)
  const cookie = (await sessions.commitSession(session)).split(';')[0]!
  expect(await drafts.getCommentDraft(new Request(PAGE, {headers: {Cookie: cookie}}))).toMatchObject(typed)
})

test('a draft over a comment’s limits is refused with the limit named, and nothing is stored', async () => {
  const before = await draftCount()
  for (const fields of [
    {...typed, body: 'x'.repeat(5001)},
    {...typed, name: 'n'.repeat(101)},
    {...typed, website: `https://a.example/${'w'.repeat(200)}`},
  ]) {
    const session = await sessions.newSession()
    const refusal = await drafts.saveCommentDraft(session, form(fields), '/', {clientAddress: newNetwork()})
    expect(refusal).toMatchObject({status: 400, message: expect.stringMatching(/could not be kept.*at most/)})
    expect(session.get('commentDraft')).toBeUndefined()
  }
  expect(
    (await drafts.saveCommentDraft(await sessions.newSession(), form({...typed, body: 'x'.repeat(5001)}), '/', {clientAddress: newNetwork()}))?.message,
  ).toContain('comment 5,000 characters')
  // At the limit exactly (line breaks counted as the comment form counts them) is fine.
  const atLimit = await sessions.newSession()
  expect(await drafts.saveCommentDraft(atLimit, form({...typed, body: 'y\r\n'.repeat(2500).slice(0, -2)}), '/', {clientAddress: newNetwork()})).toBeNull()
  expect(await draftCount()).toBe(before + 1)
})

test('one draft per session: saving again replaces it', async () => {
  const session = await sessions.newSession()
  const address = newNetwork()
  await drafts.saveCommentDraft(session, form(typed), '/', {clientAddress: address})
  const id = session.get('commentDraft')
  const before = await draftCount()
  await drafts.saveCommentDraft(session, form({...typed, body: 'A second thought'}), '/', {clientAddress: address})
  expect(session.get('commentDraft')).toBe(id)
  expect(await draftCount()).toBe(before)
})

test('rate limits: per network, whatever the session, and per session, whatever the network', async () => {
  const address = newNetwork()
  for (let i = 0; i < 3; i++) {
    expect(await drafts.saveCommentDraft(await sessions.newSession(), form(typed), '/', {clientAddress: address})).toBeNull()
  }
  const before = await draftCount()
  // Another address in the same /24 is the same network.
  const refused = await drafts.saveCommentDraft(await sessions.newSession(), form(typed), '/', {clientAddress: address.replace(/\.9$/, '.77')})
  expect(refused).toMatchObject({status: 429, message: expect.stringMatching(/wait \d+ minutes?/), retryAfterSeconds: expect.any(Number)})
  expect(await draftCount()).toBe(before)

  const session = await sessions.newSession()
  expect(await drafts.saveCommentDraft(session, form(typed), '/', {clientAddress: newNetwork()})).toBeNull()
  expect(await drafts.saveCommentDraft(session, form(typed), '/', {clientAddress: newNetwork()})).toBeNull()
  expect(await drafts.saveCommentDraft(session, form(typed), '/', {clientAddress: newNetwork()})).toMatchObject({status: 429})
})

test('expired drafts are deleted by the scheduled purge; current ones stay', async () => {
  const old = await sessions.newSession()
  const dayAgo = Date.now() - 25 * 60 * 60 * 1000
  await drafts.saveCommentDraft(old, form(typed), '/', {clientAddress: newNetwork(), now: dayAgo})
  const current = await sessions.newSession()
  await drafts.saveCommentDraft(current, form(typed), '/', {clientAddress: newNetwork()})
  // Saving another draft no longer sweeps: only the schedule does.
  expect(await world.client.getDocument(old.get('commentDraft')!)).toBeDefined()

  expect(await drafts.purgeExpiredDrafts(world.client)).toBe(1)
  expect(await world.client.getDocument(old.get('commentDraft')!)).toBeUndefined()
  expect(await world.client.getDocument(current.get('commentDraft')!)).toBeDefined()
})
