import fs from 'node:fs'
import path from 'node:path'
import {afterAll, beforeAll, expect, inject, test} from 'vitest'
import {openStudioSession, signInToStudio, type StudioSession} from '../support/studio-session'
import {addStudioUser, removeStudioUser} from '../support/studio-users'

// Two people in the same post, each in their own browser with their own sign-in: each sees the
// other's avatar in the document and their cursor in the body, served by the lake's presence
// socket, and both go when the other closes their Studio.
const lakeUrl = inject('lakeUrl')
const studioUrl = inject('lakeHttpsUrl')
const dataDir = inject('dataDir')
const adminToken = fs.readFileSync(path.join(dataDir, 'content-lake-token'), 'utf8').trim()
const caPath = path.join(dataDir, 'content-lake', 'tls', 'ca.pem')
const SLOW = {timeout: 60_000}

const stamp = Date.now()
const names = {ana: `ana-${stamp}`, ben: `ben-${stamp}`}
const postId = `presence-post-${stamp}`
const sessions: StudioSession[] = []
/** What the browsers logged about the socket: before, a 404 and a retry, again and again. */
const socketErrors: string[] = []
const PARAGRAPH = 'Where the others are typing shows here.'
const paragraph = {_type: 'block', _key: 'p1', style: 'normal', markDefs: [], children: [{_type: 'span', _key: 'p1-span', text: PARAGRAPH, marks: []}]}

beforeAll(async () => {
  const response = await fetch(`${lakeUrl}/v2025-02-19/data/mutate/production`, {
    method: 'POST',
    headers: {authorization: `Bearer ${adminToken}`, 'content-type': 'application/json'},
    body: JSON.stringify({mutations: [{create: {_id: postId, _type: 'post', title: `Presence ${stamp}`, body: [paragraph]}}]}),
  })
  if (!response.ok) throw new Error(`Creating the post failed: ${response.status} ${await response.text()}`)
})

afterAll(async () => {
  await Promise.all(sessions.map((session) => session.close()))
  await Promise.all(Object.values(names).map((name) => removeStudioUser(dataDir, name)))
})

/** A browser signed in as `name`, with the post open. */
async function editorInPost(name: string): Promise<StudioSession> {
  const token = await addStudioUser(dataDir, name)
  const session = await openStudioSession({caPath, screenshotPrefix: `presence-${name}`})
  sessions.push(session)
  session.page.on('console', (message) => {
    if (message.type() === 'error' && /socket/i.test(message.text())) socketErrors.push(message.text())
  })
  session.page.on('requestfailed', (request) => {
    if (request.url().includes('/socket/')) socketErrors.push(`${request.url()}: ${request.failure()?.errorText}`)
  })
  await session.step('open-post', async () => {
    await signInToStudio(session.page, studioUrl, token)
    await session.page.goto(`${studioUrl}/intent/edit/id=${postId};type=post/`)
    await session.page.getByRole('textbox', {name: 'Title'}).waitFor(SLOW)
  })
  return session
}

/** Avatars of `name` in the open document's pane (Studio titles each avatar with the user's name). */
function avatarsOf(session: StudioSession, name: string) {
  return session.page.locator(`[data-testid="document-panel-scroller"] [title="${name}"], [data-testid="document-level-presence"] [title="${name}"]`)
}

/** The other's caret in the post's body, as Studio draws it (a line named after the user). */
function cursorOf(session: StudioSession, name: string) {
  return session.page.locator(`[data-testid="field-body"] [data-testid="presence-cursor-${name}"]`)
}

test("each editor sees the other's avatar in the document and cursor in the body; both go when the other closes their Studio", async () => {
  const ana = await editorInPost(names.ana)
  const ben = await editorInPost(names.ben)
  // Ben works in the title, so Ana sees him there.
  await ben.page.getByRole('textbox', {name: 'Title'}).click()
  await ana.step('sees-ben', () => expect.poll(() => avatarsOf(ana, names.ben).count(), SLOW).toBeGreaterThan(0))
  await ben.step('sees-ana', () => expect.poll(() => avatarsOf(ben, names.ana).count(), SLOW).toBeGreaterThan(0))
  // Nobody sees themselves.
  expect(await avatarsOf(ana, names.ana).count()).toBe(0)
  // Ben puts his caret in the body: Ana sees it there.
  await ben.page.locator('[data-testid="field-body"] [contenteditable="true"]').getByText(PARAGRAPH).click()
  await ana.step('sees-ben-cursor', () => expect.poll(() => cursorOf(ana, names.ben).count(), SLOW).toBe(1))

  await ben.page.close()
  await ana.step('ben-gone', async () => {
    await expect.poll(() => avatarsOf(ana, names.ben).count(), {timeout: 10_000}).toBe(0)
    // The cursor is drawn by the editor, a moment after the avatar list updates.
    await expect.poll(() => cursorOf(ana, names.ben).count(), {timeout: 10_000}).toBe(0)
  })
  for (const session of sessions) expect(session.escaped).toEqual([])
  expect(socketErrors).toEqual([])
}, 180_000)
