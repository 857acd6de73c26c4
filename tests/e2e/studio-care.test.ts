import fs from 'node:fs'
import path from 'node:path'
import type {Page} from 'playwright-core'
import {afterAll, beforeAll, expect, inject, test} from 'vitest'
import {NEEDS_CARE} from '../../contract/comments'
import {commentIdOfRecord, commentRecordId} from '../../contract/documents'
import {POST_ID} from '../../seed/life-in-balance'
import {openStudioSession, type StudioSession} from '../support/studio-session'
import {lakeClient} from '../support/site-content'

// Issue #13 in Studio: comments that need care are listed first, with safe-messaging replies
// to copy or email privately; a held comment's personal details are redacted before approval.
const studioUrl = inject('lakeHttpsUrl')
const dataDir = inject('dataDir')
const lake = lakeClient(inject('lakeUrl'), dataDir)
const token = fs.readFileSync(path.join(dataDir, 'content-lake-token'), 'utf8').trim()
const SLOW = {timeout: 60_000}
const FEW_SECONDS = {timeout: 15_000, interval: 250}

let session: StudioSession
let page: Page
const run = Date.now().toString(36)
// Comments are private records (`comment-private.<comment id>`), decision 0200.
const CARE = {id: commentRecordId(`comment-care-${run}`), author: `Sam ${run}`, email: `sam-${run}@example.com`, body: `I can't keep going anymore (${run}).`}
const DETAILS = {id: commentRecordId(`comment-details-${run}`), body: `Great post. Call me on 07700 900123 or write to me@example.com (${run}).`}

beforeAll(async () => {
  session = await openStudioSession({caPath: path.join(dataDir, 'content-lake', 'tls', 'ca.pem'), screenshotPrefix: 'studio-care'})
  page = session.page
  await session.context.grantPermissions(['clipboard-read', 'clipboard-write'], {origin: studioUrl})
  const held = (id: string, authorName: string, body: string, spamReason: string) => ({
    _id: id,
    _type: 'comment',
    status: 'pending',
    post: {_type: 'reference', _ref: POST_ID, _weak: true},
    authorName,
    provider: 'guest',
    body,
    spamVerdict: 'ham',
    spamReason,
    submittedAt: new Date().toISOString(),
  })
  await lake
    .transaction()
    // The commenter's address on the comment itself, where the private half now lives.
    .create({...held(CARE.id, CARE.author, CARE.body, `${NEEDS_CARE}: possible crisis language (suicidal thoughts).`), email: CARE.email})
    .create(held(DETAILS.id, `Kim ${run}`, DETAILS.body, 'Personal details: a phone number, an email address; redact before approving.'))
    .commit({visibility: 'sync'})
})

afterAll(async () => {
  await session?.close()
  const transaction = lake.transaction()
  for (const id of [CARE.id, DETAILS.id]) transaction.delete(id).delete(`drafts.${id}`).delete(commentIdOfRecord(id))
  await transaction.commit({visibility: 'sync'})
})

const needsCareCount = () =>
  lake.fetch<number>('count(*[_type == "comment" && status == "pending" && string::startsWith(spamReason, $marker)])', {marker: NEEDS_CARE})

async function openAction(name: string): Promise<void> {
  await expect.poll(() => page.getByRole('button', {name: 'Approve'}).isEnabled(), SLOW).toBe(true)
  await page.getByRole('button', {name: 'Open document actions'}).click()
  await page.getByRole('menuitem', {name}).click()
}

test('“Needs care” comes first under Comments, counted, and offers the care replies with Copy and Email privately', async () => {
  await session.step('needs-care-list', async () => {
    await page.goto(`${studioUrl}/#token=${token}`)
    await page.getByRole('link', {name: 'Comments'}).first().click(SLOW)
    const needsCare = page.getByRole('link', {name: /^Needs care \(\d+\)$/})
    await expect.poll(async () => (await needsCare.textContent(SLOW))?.trim(), SLOW).toBe(`Needs care (${await needsCareCount()})`)
    // First in the pane: above Pending.
    const [careBox, pendingBox] = await Promise.all([needsCare.boundingBox(), page.getByRole('link', {name: /^Pending \(\d+\)$/}).boundingBox()])
    expect(careBox!.y).toBeLessThan(pendingBox!.y)
    await needsCare.click()
    await page
      .getByRole('link', {name: new RegExp(CARE.author)})
      .first()
      .click(SLOW)
  })

  await session.step('care-replies', async () => {
    await openAction('Care replies')
    const dialog = page.getByRole('dialog', {name: 'Care replies'})
    await dialog.getByText('Public reply: support is available now').waitFor(SLOW)
    expect(await dialog.innerText()).toContain(`Thank you for writing, ${CARE.author}.`)
    const email = dialog.getByRole('link', {name: 'Email privately'}).first()
    expect(await email.getAttribute('href')).toMatch(new RegExp(`^mailto:${CARE.email}\\?subject=`))
    await dialog.getByRole('button', {name: 'Copy'}).first().click()
    await dialog.getByText('Copied.').waitFor(FEW_SECONDS)
    expect(await page.evaluate(() => navigator.clipboard.readText())).toMatch(new RegExp(`^Thank you for writing, ${CARE.author}\\..*988`))
  })
}, 180_000)

test('“Redact personal details” replaces the phone number and address in the draft; Approve publishes the redacted text', async () => {
  await session.step('redact', async () => {
    await page.goto(`${studioUrl}/structure/comments;comments-pending;${DETAILS.id}`)
    await expect.poll(() => page.getByText(`(${run})`).count(), SLOW).toBeGreaterThan(0)
    await openAction('Redact personal details')
    await page
      .getByRole('dialog', {name: 'Redact personal details'})
      .getByText(/replaced with “\[removed\]”/)
      .waitFor(SLOW)
    await expect
      .poll(() => lake.getDocument<{body: string}>(`drafts.${DETAILS.id}`).then((draft) => draft?.body), FEW_SECONDS)
      .toBe(`Great post. Call me on [removed] or write to [removed] (${run}).`)
    await page.keyboard.press('Escape')
  })

  await session.step('approve', async () => {
    await page.getByRole('button', {name: 'Approve'}).click(SLOW)
    await expect
      .poll(() => lake.fetch<{status: string; body: string}>('*[_id == $id][0]{status, body}', {id: DETAILS.id}), FEW_SECONDS)
      .toEqual({status: 'approved', body: `Great post. Call me on [removed] or write to [removed] (${run}).`})
    // What readers get is the redacted text.
    expect(await lake.getDocument<{body: string}>(commentIdOfRecord(DETAILS.id))).toMatchObject({
      _type: 'publicComment',
      body: `Great post. Call me on [removed] or write to [removed] (${run}).`,
    })
  })
}, 180_000)

test('nothing the browser did left the machine', () => {
  expect(session.escaped).toEqual([])
  expect(session.notRefusedByPage()).toEqual([])
})
