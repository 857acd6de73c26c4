import fs from 'node:fs'
import path from 'node:path'
import {afterAll, beforeAll, expect, inject, test} from 'vitest'
import {openStudioSession, signInToStudio, type StudioSession} from '../support/studio-session'
import {addStudioUser, removeStudioUser} from '../support/studio-users'

// Two editors, each in their own browser with their own sign-in, change different fields of one
// draft, one after the other. "Review changes" credits each change to the editor who made it:
// Studio replays the lake's Mendoza effects and credits a value to the transaction whose patch
// wrote it, so effects that restated the whole document credited everything to the last writer.
const lakeUrl = inject('lakeUrl')
const studioUrl = inject('lakeHttpsUrl')
const dataDir = inject('dataDir')
const adminToken = fs.readFileSync(path.join(dataDir, 'content-lake-token'), 'utf8').trim()
const caPath = path.join(dataDir, 'content-lake', 'tls', 'ca.pem')
const SLOW = {timeout: 60_000}

const stamp = Date.now()
const names = {ana: `ana-review-${stamp}`, ben: `ben-review-${stamp}`}
const postId = `history-authors-${stamp}`
const title = `Sleeping through worry ${stamp}`
const excerpt = 'Small habits that help at night.'
const anasTitle = `${title}, retitled by Ana`
const bensExcerpt = `${excerpt} Ben added this sentence.`
const sessions: StudioSession[] = []

async function stored(id: string): Promise<Record<string, unknown> | undefined> {
  const response = await fetch(`${lakeUrl}/v2025-02-19/data/doc/production/${id}`, {headers: {authorization: `Bearer ${adminToken}`}})
  if (!response.ok) throw new Error(`Reading ${id}: ${response.status}`)
  return ((await response.json()) as {documents: Record<string, unknown>[]}).documents[0]
}

beforeAll(async () => {
  // Written through the API, as the seed writes posts.
  const response = await fetch(`${lakeUrl}/v2025-02-19/data/mutate/production`, {
    method: 'POST',
    headers: {authorization: `Bearer ${adminToken}`, 'content-type': 'application/json'},
    body: JSON.stringify({mutations: [{create: {_id: postId, _type: 'post', title, excerpt}}]}),
  })
  if (!response.ok) throw new Error(`Creating the post failed: ${response.status} ${await response.text()}`)
})

afterAll(async () => {
  await Promise.all(sessions.map((session) => session.close()))
  await Promise.all(Object.values(names).map((name) => removeStudioUser(dataDir, name)))
  await fetch(`${lakeUrl}/v2025-02-19/data/mutate/production`, {
    method: 'POST',
    headers: {authorization: `Bearer ${adminToken}`, 'content-type': 'application/json'},
    body: JSON.stringify({mutations: [{delete: {id: postId}}, {delete: {id: `drafts.${postId}`}}]}),
  })
})

/** A browser signed in as `name`, with the post open. */
async function editorInPost(name: string): Promise<StudioSession> {
  const token = await addStudioUser(dataDir, name)
  const session = await openStudioSession({caPath, screenshotPrefix: `history-authors-${name}`})
  sessions.push(session)
  await session.step('open-post', async () => {
    await signInToStudio(session.page, studioUrl, token)
    await session.page.goto(`${studioUrl}/intent/edit/id=${postId};type=post/`)
    await expect.poll(() => session.page.getByRole('textbox', {name: 'Title'}).inputValue(), SLOW).toBe(title)
  })
  return session
}

/** Who Studio says made an added piece of text in the changes pane (the tooltip of its change). */
async function creditedFor(session: StudioSession, added: string): Promise<string> {
  const {page} = session
  const pane = page.getByTestId('review-changes-pane').last()
  const insertion = pane.locator('ins', {hasText: added})
  await insertion.waitFor(SLOW)
  await insertion.hover()
  // Studio draws tooltips in a layer of their own: read what the shown ones say.
  const tooltips = page.locator('[data-ui="Tooltip"]:visible')
  const said = async () => (await tooltips.allTextContents()).join(' | ')
  // The author's name comes once Studio has looked the user up.
  await expect.poll(said, SLOW).toMatch(/^(?!.*Loading).*Added/)
  const text = await said()
  // Move away so that the next tooltip is the only one.
  await page.mouse.move(0, 0)
  await expect.poll(() => tooltips.count(), SLOW).toBe(0)
  return text
}

test('"Review changes" credits the title to the editor who retitled the post and the excerpt to the one who extended it', async () => {
  const ana = await editorInPost(names.ana)
  const ben = await editorInPost(names.ben)

  await ana.step('ana-retitles', async () => {
    await ana.page.getByRole('textbox', {name: 'Title'}).fill(anasTitle)
    await expect.poll(async () => (await stored(`drafts.${postId}`))?.title, SLOW).toBe(anasTitle)
  })
  await ben.step('ben-extends-excerpt', async () => {
    // Ben works on the draft Ana started: he sees her title first.
    await expect.poll(() => ben.page.getByRole('textbox', {name: 'Title'}).inputValue(), SLOW).toBe(anasTitle)
    await ben.page.getByRole('textbox', {name: 'Excerpt'}).fill(bensExcerpt)
    await expect.poll(async () => (await stored(`drafts.${postId}`))?.excerpt, SLOW).toBe(bensExcerpt)
  })

  await ana.step('review-changes', async () => {
    await expect.poll(() => ana.page.getByRole('textbox', {name: 'Excerpt'}).inputValue(), SLOW).toBe(bensExcerpt)
    await ana.page.getByRole('button', {name: 'Review changes'}).first().click()
    const titleCredit = await creditedFor(ana, ', retitled by Ana')
    expect(titleCredit).toContain(names.ana)
    expect(titleCredit).not.toContain(names.ben)
    const excerptCredit = await creditedFor(ana, 'Ben added this sentence.')
    expect(excerptCredit).toContain(names.ben)
    expect(excerptCredit).not.toContain(names.ana)
  })

  for (const session of sessions) {
    expect(session.escaped).toEqual([])
    expect(session.notRefusedByPage()).toEqual([])
  }
}, 240_000)
