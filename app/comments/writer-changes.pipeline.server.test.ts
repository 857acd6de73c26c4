import {afterAll, beforeAll, expect, test} from 'vitest'
import {commentRecordId} from '../../contract/documents'
import {type AkismetStandIn, startAkismetStandIn} from '../../stand-ins/akismet/server'
import {type CommentsWorld, mailTo, POST, POST_PATH, startCommentsWorld} from '../../tests/support/comments-fixture'
import type {WriterEditFailure, WriterPage} from './writer-changes.server'

// Issue #19 point 2 as the site's server runs it: a comment posted through the post page's
// action, then edited or deleted by its writer through the edit and delete pages' loaders and
// actions, against the real lake process over HTTP, the Akismet stand-in and the sealed session.

let world: CommentsWorld
let akismet: AkismetStandIn
let server: typeof import('./writer-changes.server')
let handleCommentPost: typeof import('./comment-action.server').handleCommentPost
let loadCommentsSection: typeof import('./comments-loader.server').loadCommentsSection
let issueFormToken: typeof import('~/security/form-token.server').issueFormToken
let getSession: typeof import('~/session/session.server').getSession

beforeAll(async () => {
  ;[world, akismet] = await Promise.all([startCommentsWorld({notifyEmails: ['edit-mod@example.com']}), startAkismetStandIn()])
  Object.assign(process.env, {AKISMET_KEY: 'local-dev-key', AKISMET_API_URL: akismet.url, AKISMET_TIMEOUT_MS: '1500', COMMENT_MIN_FILL_SECONDS: '2'})
  server = await import('./writer-changes.server')
  ;({handleCommentPost} = await import('./comment-action.server'))
  ;({loadCommentsSection} = await import('./comments-loader.server'))
  ;({issueFormToken} = await import('~/security/form-token.server'))
  ;({getSession} = await import('~/session/session.server'))
  await world.client
    .patch('siteSettings')
    .set({moderation: {mode: 'publishUnlessFlagged', holdIfLinksAtLeast: 2, holdWords: ['grapefruit'], notifyEmails: ['edit-mod@example.com']}})
    .commit({visibility: 'sync'})
}, 60_000)
afterAll(async () => {
  await Promise.all([world?.stop(), akismet?.close()])
})

let network = 0
// Each request from its own network: the per-network limit counts /24s.
const nextAddress = () => `198.51.${++network}.7`
const headersFor = (cookie?: string) => ({Origin: world.siteUrl, 'User-Agent': 'Mozilla/5.0 (edit test)', ...(cookie ? {Cookie: cookie} : {})})

async function postComment(fields: Record<string, string>) {
  const request = new Request(`${world.siteUrl}${POST_PATH}`, {
    method: 'POST',
    body: new URLSearchParams({formToken: issueFormToken(undefined, Date.now() - 10_000), ...fields}),
    headers: headersFor(),
  })
  const response = (await handleCommentPost(request, {slug: POST.slug.current, clientAddress: nextAddress()})) as Response
  expect(response.status).toBe(303)
  const id = new URL(response.headers.get('Location')!, world.siteUrl).hash.slice(1)
  return {id, name: id.replace(/^comment-/, ''), cookie: response.headers.get('Set-Cookie')!.split(';')[0]!}
}

type Answer<T> = {data: T; init: {status?: number} | null}

async function openPage(name: string, cookie?: string, clientAddress = nextAddress()) {
  const answer = (await server.loadWriterPage(
    new Request(`${world.siteUrl}/comment/${name}/edit/`, {headers: headersFor(cookie)}),
    name,
    clientAddress,
  )) as unknown as Answer<WriterPage>
  return {status: answer.init?.status ?? 200, page: answer.data}
}

async function tokenFor(cookie: string) {
  return issueFormToken((await getSession(new Request(world.siteUrl, {headers: {Cookie: cookie}}))).get('csrf'))
}

async function edit(name: string, body: string, {cookie, token, headers = {}}: {cookie?: string; token?: string; headers?: Record<string, string>} = {}) {
  const request = new Request(`${world.siteUrl}/comment/${name}/edit/`, {
    method: 'POST',
    body: new URLSearchParams({formToken: token ?? (cookie ? await tokenFor(cookie) : issueFormToken(undefined)), body}),
    headers: {...headersFor(cookie), ...headers},
  })
  return server.handleWriterEdit(request, name, nextAddress())
}

async function remove(name: string, cookie: string) {
  const request = new Request(`${world.siteUrl}/comment/${name}/delete/`, {
    method: 'POST',
    body: new URLSearchParams({formToken: await tokenFor(cookie)}),
    headers: headersFor(cookie),
  })
  return server.handleWriterDelete(request, name, nextAddress())
}

const failureOf = (answer: unknown) => answer as Answer<WriterEditFailure>
const record = (id: string) => world.client.getDocument<Record<string, unknown>>(commentRecordId(id))
const publicCopy = (id: string) => world.client.getDocument<Record<string, unknown>>(id)
const audit = (id: string) =>
  world.client.fetch<{from: string | null; to: string; who: Record<string, unknown>}[]>(
    '*[_type == "commentAudit" && comment._ref == $id] | order(at asc){from, to, who}',
    {id: commentRecordId(id)},
    {perspective: 'raw'},
  )

function section(cookie?: string) {
  return loadCommentsSection(new Request(`${world.siteUrl}${POST_PATH}`, {headers: cookie ? {Cookie: cookie} : {}}), {_id: POST._id, title: POST.title})
}

test('an approved comment edited by its writer: the new text is public at once, the old kept privately, the log names the reader', async () => {
  const mine = await postComment({name: 'Ann', email: 'ann@example.com', body: 'I sleep badly in spring.'})
  expect((await record(mine.id))?.status).toBe('approved')
  const shown = (await section(mine.cookie)).threads.find((node) => node.comment.id === mine.id)!.comment
  expect(shown.changeableUntil).toEqual(expect.any(String))

  const opened = await openPage(mine.name, mine.cookie)
  expect(opened).toMatchObject({
    status: 200,
    page: {state: 'open', comment: {id: mine.id, body: 'I sleep badly in spring.', status: 'approved'}, post: {path: POST_PATH}},
  })

  const answer = (await edit(mine.name, 'I sleep badly in early spring.', {cookie: mine.cookie})) as Response
  expect(answer.status).toBe(303)
  expect(answer.headers.get('Location')).toBe(`${POST_PATH}#${mine.id}`)
  expect(await publicCopy(mine.id)).toMatchObject({body: 'I sleep badly in early spring.'})
  expect(Object.keys((await publicCopy(mine.id))!)).not.toContain('revisions')
  expect(await record(mine.id)).toMatchObject({
    status: 'approved',
    body: 'I sleep badly in early spring.',
    revisions: [{_key: expect.any(String), body: 'I sleep badly in spring.', editedAt: expect.any(String)}],
  })
  expect(await audit(mine.id)).toEqual([
    {from: null, to: 'approved', who: {kind: 'site', task: 'new comment'}},
    {from: 'approved', to: 'approved', who: {kind: 'reader', action: 'edit'}},
  ])
})

test('an edit that would now be held takes the comment off the page: back to pending, public copy gone, shown to its writer as held', async () => {
  const mine = await postComment({name: 'Bea', email: 'bea@example.com', body: 'Lovely post.'})
  expect(await publicCopy(mine.id)).not.toBeNull()
  expect(((await edit(mine.name, 'Lovely post, grapefruit for all.', {cookie: mine.cookie})) as Response).status).toBe(303)
  expect(await record(mine.id)).toMatchObject({
    status: 'pending',
    spamReason: expect.stringContaining('grapefruit'),
    revisions: [expect.objectContaining({body: 'Lovely post.'})],
  })
  expect(await publicCopy(mine.id)).toBeUndefined()
  expect((await audit(mine.id)).at(-1)).toMatchObject({from: 'approved', to: 'pending', who: {kind: 'reader', action: 'edit'}})
  // Gone for everyone else; its writer sees it awaiting moderation, still with their controls.
  expect(JSON.stringify((await section()).threads)).not.toContain(mine.id)
  const own = (await section(mine.cookie)).threads.find((node) => node.comment.id === mine.id)!.comment
  expect(own).toMatchObject({body: 'Lovely post, grapefruit for all.', awaitingModeration: true, changeableUntil: expect.any(String)})
})

test('crisis words added by an edit hold the comment for care, and its writer is shown where to get help', async () => {
  const mine = await postComment({name: 'Cal', email: 'cal@example.com', body: 'Thanks for this.'})
  const answer = (await edit(mine.name, 'Thanks for this. Honestly everyone would be better off without me.', {cookie: mine.cookie})) as Response
  expect(answer.status).toBe(303)
  expect(await record(mine.id)).toMatchObject({status: 'pending', spamReason: expect.stringMatching(/^Needs care/)})
  const cookie = answer.headers.get('Set-Cookie')!.split(';')[0]!
  expect((await getSession(new Request(world.siteUrl, {headers: {Cookie: cookie}}))).get('careComments')).toEqual([mine.id])
})

test('crisis words added to a held comment moderators were already told of still send them the urgent email', async () => {
  const mine = await postComment({name: 'Kit Quillfeather', email: 'kit@example.com', body: 'My grapefruit season again.'})
  expect(await mailAbout(mine.id, 'Kit Quillfeather', 1)).toEqual([expect.stringMatching(/Comment awaiting approval/)])
  expect(((await edit(mine.name, 'My grapefruit season again. I want to kill myself.', {cookie: mine.cookie})) as Response).status).toBe(303)
  expect(await record(mine.id)).toMatchObject({status: 'pending', spamReason: expect.stringMatching(/^Needs care.*grapefruit/)})
  expect((await mailAbout(mine.id, 'Kit Quillfeather', 2))[1]).toMatch(/^Urgent: a comment on/)
})

/** The subjects of the moderators' emails about this comment (the ordinary one names its writer; the urgent one never does, but links to it), once there are `count` (or after 10 s). */
async function mailAbout(id: string, name: string, count: number): Promise<string[]> {
  const deadline = Date.now() + 10_000
  for (;;) {
    const about = (await mailTo(world.mail, 'edit-mod@example.com', 0)).filter((message) => message.text.includes(id) || message.text.includes(name))
    if (about.length >= count || Date.now() > deadline) return about.map((message) => message.subject)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

test('a held comment edited to harmless words stays held for its moderator, its earlier reason kept', async () => {
  const mine = await postComment({name: 'Dee', email: 'dee@example.com', body: 'My grapefruit diet helped.'})
  expect(await record(mine.id)).toMatchObject({status: 'pending'})
  // At once: the moderators' email marker is written on the record in the meantime, which is no conflict.
  expect(((await edit(mine.name, 'My diet helped.', {cookie: mine.cookie})) as Response).status).toBe(303)
  expect(await record(mine.id)).toMatchObject({
    status: 'pending',
    body: 'My diet helped.',
    spamReason: expect.stringContaining('grapefruit'),
    revisions: [expect.objectContaining({body: 'My grapefruit diet helped.'})],
  })
  expect(await publicCopy(mine.id)).toBeUndefined()
})

test('a stranger is refused (403) and changes nothing; the edit page is not found for a made-up id', async () => {
  const mine = await postComment({name: 'Eve', email: 'eve@example.com', body: 'Mine alone.'})
  const other = await postComment({name: 'Fay', email: 'fay@example.com', body: 'Someone else.'})
  expect(await openPage(mine.name)).toMatchObject({status: 403, page: {state: 'refused', refusal: 'not-yours', post: null}})
  expect(await openPage(mine.name, other.cookie)).toMatchObject({status: 403, page: {state: 'refused', refusal: 'not-yours'}})
  const refused = failureOf(await edit(mine.name, 'Hijacked.', {cookie: other.cookie}))
  expect(refused.init?.status).toBe(403)
  expect(refused.data.failure.body).toBe('Hijacked.')
  expect(await record(mine.id)).toMatchObject({body: 'Mine alone.'})
  expect((await section(other.cookie)).threads.find((node) => node.comment.id === mine.id)?.comment.changeableUntil).toBeUndefined()
  expect(await openPage('0000-not-a-comment', mine.cookie)).toMatchObject({status: 404, page: {state: 'refused', refusal: 'not-found'}})
})

test('a form from another site or another session is refused, with the text kept', async () => {
  const mine = await postComment({name: 'Gus', email: 'gus@example.com', body: 'Original.'})
  const crossSite = failureOf(await edit(mine.name, 'Forged?', {cookie: mine.cookie, headers: {Origin: 'https://evil.example'}}))
  expect(crossSite.init?.status).toBe(403)
  expect(crossSite.data.failure.body).toBe('Forged?')
  const unbound = failureOf(await edit(mine.name, 'Forged?', {cookie: mine.cookie, token: issueFormToken(undefined)}))
  expect(unbound.init?.status).toBe(403)
  expect(await record(mine.id)).toMatchObject({body: 'Original.'})
})

test('past its time (counted from the stored submittedAt), its writer is refused and the controls are gone', async () => {
  const mine = await postComment({name: 'Hal', email: 'hal@example.com', body: 'Written a while ago.'})
  await world.client
    .patch(commentRecordId(mine.id))
    .set({submittedAt: new Date(Date.now() - 16 * 60_000).toISOString()})
    .commit({visibility: 'sync'})
  expect(await openPage(mine.name, mine.cookie)).toMatchObject({status: 403, page: {state: 'refused', refusal: 'too-late', post: {path: POST_PATH}}})
  const late = failureOf(await edit(mine.name, 'Too late now.', {cookie: mine.cookie}))
  expect(late.init?.status).toBe(403)
  expect(late.data.failure).toMatchObject({body: 'Too late now.', message: expect.stringContaining('time for changing this comment has passed')})
  expect(failureOf(await remove(mine.name, mine.cookie)).init?.status).toBe(403)
  expect(await record(mine.id)).toMatchObject({body: 'Written a while ago.', status: 'approved'})
  expect((await section(mine.cookie)).threads.find((node) => node.comment.id === mine.id)?.comment.changeableUntil).toBeUndefined()
})

test('delete: gone from the page at once, the record in trash by the reader; a reply stays under a note that it was removed', async () => {
  const mine = await postComment({name: 'Ida', email: 'ida@example.com', body: 'Delete me later.'})
  const reply = await postComment({name: 'Jon', email: 'jon@example.com', body: 'A reply that stays.', parentId: mine.id})
  expect(await publicCopy(reply.id)).toMatchObject({body: 'A reply that stays.'})
  const answer = (await remove(mine.name, mine.cookie)) as Response
  expect(answer.status).toBe(303)
  expect(answer.headers.get('Location')).toBe(`${POST_PATH}#comments`)
  expect(await publicCopy(mine.id)).toBeUndefined()
  expect(await record(mine.id)).toMatchObject({status: 'trash'})
  expect((await audit(mine.id)).at(-1)).toMatchObject({from: 'approved', to: 'trash', who: {kind: 'reader', action: 'delete'}})
  const stand = (await section()).threads.find((node) => node.comment.id === mine.id)!
  expect(stand.comment).toMatchObject({removed: true, body: '', authorName: ''})
  expect(stand.replies.map((node) => node.comment.id)).toEqual([reply.id])
  // Deleted is deleted: no page to edit it from any more.
  expect(await openPage(mine.name, mine.cookie)).toMatchObject({status: 404})
})

test('a network that asks for the writer pages too often gets a 429 page, before any comment is read', async () => {
  const {name, cookie} = await postComment({name: 'Bo', email: 'bo@example.com', body: 'A comment whose writer is not the one asking.'})
  const address = '203.0.113.9'
  const statuses: number[] = []
  for (let i = 0; i < 61; i++) statuses.push((await openPage(`made-up-${i}`, undefined, address)).status)
  expect(statuses.slice(0, 60).every((status) => status === 404)).toBe(true)
  expect(statuses[60]).toBe(429)
  const refused = await openPage(name, cookie, address)
  expect(refused).toMatchObject({status: 429, page: {state: 'refused', refusal: 'busy', post: null}})
  // Another network is not held back by this one.
  expect((await openPage(name, cookie)).status).toBe(200)
})
