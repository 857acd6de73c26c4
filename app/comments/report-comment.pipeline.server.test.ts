import {afterAll, beforeAll, expect, test} from 'vitest'
import {MAX_STORED_REPORTS} from '../../contract/comments'
import {commentRecordId} from '../../contract/documents'
import {type CommentsWorld, createComment, mailTo, POST_PATH, startCommentsWorld} from '../../tests/support/comments-fixture'

// A reader's report as the report page's action runs it: the real lake process over HTTP, the
// mail catcher over SMTP, the shared rate-limit state.

let world: CommentsWorld
let performReport: typeof import('./report-comment.server').performReport
let reportPage: typeof import('./report-comment.server').reportPage
let setCommentStatus: typeof import('~/sanity/comments.server').setCommentStatus

beforeAll(async () => {
  world = await startCommentsWorld({notifyEmails: ['report-mod@example.com']})
  ;({performReport, reportPage} = await import('./report-comment.server'))
  ;({setCommentStatus} = await import('~/sanity/comments.server'))
  await world.client.patch('siteSettings').set({'moderation.holdAfterReports': 3}).commit({visibility: 'sync'})
}, 60_000)
afterAll(() => world?.stop())

type Page = Awaited<ReturnType<typeof performReport>>

/** The form's token as the report page serves it. */
async function tokenFor(id: string): Promise<string> {
  const page = await reportPage(id)
  if (page.state !== 'form') throw new Error(`No report form for ${id}: ${page.state}`)
  return page.token
}

async function report(
  id: string,
  clientAddress: string,
  fields: Record<string, string> = {},
  headers: Record<string, string> = {Origin: 'default'},
): Promise<Page> {
  const body = new URLSearchParams({formToken: await tokenFor(id), reason: 'unkind', ...fields})
  const origin = headers.Origin === 'default' ? {Origin: world.siteUrl} : headers
  return performReport(
    new Request(`${world.siteUrl}/comment/${id.slice('comment-'.length)}/report/`, {method: 'POST', body, headers: origin}),
    id,
    clientAddress,
  )
}

const record = (id: string) => world.client.getDocument<Record<string, unknown> & {status: string}>(commentRecordId(id))

test('the report page shows a published comment only; the form carries a token', async () => {
  await createComment(world.client, {id: 'comment-shown', status: 'approved', name: 'Pat', body: 'Published words.'})
  await createComment(world.client, {id: 'comment-held', status: 'pending'})
  expect(await reportPage('comment-shown')).toMatchObject({
    state: 'form',
    comment: {authorName: 'Pat', body: 'Published words.', href: `${POST_PATH}#comment-shown`},
  })
  expect(await reportPage('comment-held')).toEqual({state: 'not-found'})
  expect(await reportPage(null)).toEqual({state: 'not-found'})
})

test('one report per network counts; the third network’s holds the comment, removes its public copy and emails the moderators', async () => {
  await createComment(world.client, {id: 'comment-r1', status: 'approved', name: 'Quinn', email: 'quinn@example.com', body: 'Words readers object to.'})
  expect(await report('comment-r1', '198.51.100.1')).toMatchObject({state: 'done', reason: 'unkind', href: POST_PATH})
  // The same network again (another address in its /24): thanked alike, not counted.
  expect(await report('comment-r1', '198.51.100.2', {reason: 'spam'})).toMatchObject({state: 'done'})
  expect(await record('comment-r1')).toMatchObject({status: 'approved', reportCount: 1})
  await report('comment-r1', '203.0.113.1', {reason: 'spam'})
  expect(await world.client.getDocument('comment-r1')).toBeDefined()
  expect(await report('comment-r1', '192.0.2.1')).toMatchObject({state: 'done'})

  const held = await record('comment-r1')
  expect(held).toMatchObject({status: 'pending', reportCount: 3, spamReason: 'Reported by 3 readers: abusive or harassing (2), spam (1).'})
  expect(await world.client.getDocument('comment-r1')).toBeUndefined()
  const audit = await world.client.fetch(
    '*[_type == "commentAudit" && comment._ref == $id && to == "pending"][0]{from, who, why}',
    {id: commentRecordId('comment-r1')},
    {perspective: 'raw'},
  )
  expect(audit).toEqual({from: 'approved', who: {kind: 'site', task: 'reports'}, why: held!.spamReason})

  const [message] = await mailTo(world.mail, 'report-mod@example.com', 1)
  expect(message!.subject).toBe('[Fixture Blog] Comment held after readers’ reports: “Fixture post about sleep”')
  expect(message!.text).toContain('Why it was held: Reported by 3 readers: abusive or harassing (2), spam (1).')
  expect(message!.text).toContain('Words readers object to.')
  // Nothing about who reported: no network, no hash, no address.
  for (const secret of ['198.51.100', '203.0.113', '192.0.2', 'quinn@example.com', ...(held!.reports as {from: string}[]).map((stored) => stored.from)]) {
    expect(message!.text).not.toContain(secret)
    expect(message!.html).not.toContain(secret)
  }
  // Held: not reportable any more, and nothing more is stored.
  expect(await report('comment-r1', '192.0.2.200').catch(() => ({state: 'not-found'}))).toEqual({state: 'not-found'})
})

test('a report never stores the reporter’s address; a moderator’s approval answers earlier reports; stored reports are capped', async () => {
  await createComment(world.client, {id: 'comment-many', status: 'approved'})
  for (const network of [1, 2, 3]) await report('comment-many', `10.${network}.0.1`)
  expect(await record('comment-many')).toMatchObject({status: 'pending', reportCount: 3})
  // Published again: the three reports were judged; it takes three new ones to hold it again.
  await setCommentStatus(world.client, 'comment-many', 'approved', {who: {kind: 'studio', userId: 'p-mo'}})
  for (const network of [4, 5]) await report('comment-many', `10.${network}.0.1`)
  expect(await record('comment-many')).toMatchObject({status: 'approved', reportCount: 5})
  await world.client.patch('siteSettings').set({'moderation.holdAfterReports': MAX_STORED_REPORTS}).commit({visibility: 'sync'})
  try {
    for (let network = 6; network <= MAX_STORED_REPORTS + 2; network++) expect(await report('comment-many', `10.${network}.0.1`)).toMatchObject({state: 'done'})
  } finally {
    await world.client.patch('siteSettings').set({'moderation.holdAfterReports': 3}).commit({visibility: 'sync'})
  }
  const stored = await record('comment-many')
  expect(stored).toMatchObject({status: 'approved', reportCount: MAX_STORED_REPORTS})
  expect(stored!.reports).toHaveLength(MAX_STORED_REPORTS)
  expect(JSON.stringify(stored)).not.toMatch(/10\.\d+\.0/)
})

test('a report on a comment that needed care still counts, and its care reason stays first when it is held', async () => {
  await createComment(world.client, {
    id: 'comment-care',
    status: 'approved',
    body: 'Words from a hard day.',
    spamReason: 'Needs care: possible crisis language (self-harm).',
  })
  for (const address of ['172.16.1.1', '172.16.2.1', '172.16.3.1']) await report('comment-care', address, {reason: 'unsafe'})
  expect(await record('comment-care')).toMatchObject({
    status: 'pending',
    spamReason: expect.stringMatching(/^Needs care: .* Reported by 3 readers: someone may be at risk \(3\)\.$/),
  })
  // Held thrice so far in this file: Quinn's, the capped one and this one. Its words stay out of the email.
  const messages = await mailTo(world.mail, 'report-mod@example.com', 3)
  const care = messages.filter((message) => message.text.includes('It needed care when it arrived'))
  expect(care).toHaveLength(1)
  for (const message of messages) expect(message.text).not.toContain('Words from a hard day.')
})

test('forged, token-less, reasonless and flooding reports are refused with a clear answer and store nothing', async () => {
  await createComment(world.client, {id: 'comment-guarded', status: 'approved'})
  expect(await report('comment-guarded', '100.64.1.1', {}, {Origin: 'https://evil.example'})).toEqual({state: 'cross-site'})
  expect(await report('comment-guarded', '100.64.1.1', {formToken: 'forged'})).toMatchObject({
    state: 'form',
    error: expect.stringContaining('could not be verified'),
  })
  // A token served for another comment does not report this one.
  expect(await report('comment-guarded', '100.64.1.1', {formToken: await tokenFor('comment-shown')})).toMatchObject({state: 'form', error: expect.any(String)})
  expect(await report('comment-guarded', '100.64.1.1', {reason: 'because'})).toMatchObject({
    state: 'form',
    error: 'Please choose what is wrong with this comment.',
  })
  expect(await record('comment-guarded')).not.toHaveProperty('reportCount')
  // One network: ten reports an hour, across every comment.
  const pages: Page[] = []
  for (let n = 0; n < 12; n++) {
    await createComment(world.client, {id: `comment-flood-${n}`, status: 'approved'})
    pages.push(await report(`comment-flood-${n}`, '100.65.0.9'))
  }
  expect(pages.slice(0, 10).every((page) => page.state === 'done')).toBe(true)
  expect(pages[10]).toMatchObject({state: 'too-many', retryAfterMinutes: expect.any(Number)})
  expect(await record('comment-flood-11')).not.toHaveProperty('reportCount')
})

test('privacy: reports and their counts are never readable anonymously', async () => {
  const anonymous = world.lake.client({token: null})
  expect(await world.client.fetch('count(*[defined(reports)])', {}, {perspective: 'raw'})).toBeGreaterThan(0)
  expect(await anonymous.fetch('*[defined(reports) || defined(reportCount)]')).toEqual([])
  const copy = await anonymous.getDocument('comment-guarded')
  expect(copy).toBeDefined()
  expect(Object.keys(copy!)).not.toContain('reportCount')
})
