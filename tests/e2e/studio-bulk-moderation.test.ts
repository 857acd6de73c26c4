import fs from 'node:fs'
import path from 'node:path'
import type {Page} from 'playwright-core'
import {afterAll, beforeAll, expect, inject, test} from 'vitest'
import {akismetStandInAt} from '../support/akismet-stand-in'
import {axeViolations} from '../support/axe'
import {type HeldComment, storeHeldComment} from '../support/held-comment'
import {lakeClient} from '../support/site-content'
import {openStudioSession, type StudioSession} from '../support/studio-session'
import {addStudioUser, removeStudioUser} from '../support/studio-users'

// Studio › Moderation against the stack `npm start` runs: a moderator finds comments, chooses
// several with the keyboard and decides them at once; each is written as its own button would
// write it and reaches Akismet (its stand-in) through the lake's webhook and the site's server.
const siteUrl = inject('siteUrl')
const lakeUrl = inject('lakeUrl')
const studioUrl = inject('lakeHttpsUrl')
const dataDir = inject('dataDir')
const akismetUrl = inject('akismetUrl')
const kept = (name: string) => fs.readFileSync(path.join(dataDir, name), 'utf8').trim()
const token = kept('content-lake-token')
const SLOW = {timeout: 60_000}
const FEW_SECONDS = {timeout: 20_000, interval: 250}

const lake = lakeClient(lakeUrl, dataDir)
let session: StudioSession
let page: Page
const created: string[] = []

beforeAll(async () => {
  session = await openStudioSession({caPath: path.join(dataDir, 'content-lake', 'tls', 'ca.pem'), screenshotPrefix: 'studio-bulk-moderation'})
  page = session.page
  await page.goto(`${studioUrl}/#token=${token}`)
  await page.getByRole('link', {name: 'Comments'}).first().waitFor(SLOW)
})

afterAll(async () => {
  await session?.close()
  const transaction = lake.transaction()
  for (const id of created) transaction.delete(`comment-private.${id}`).delete(id)
  if (created.length > 0) await transaction.commit({visibility: 'sync'})
})

/** Held comments whose text carries `word`, the moderator's search; one more without it. */
async function heldWith(word: string, count: number): Promise<HeldComment[]> {
  const comments: HeldComment[] = []
  for (let index = 0; index < count + 1; index++) {
    const label = `${word}${index}`
    const body = index < count ? `About sleep, ${word} number ${index}.` : `About sleep, nothing to find here ${index}.`
    const comment = await storeHeldComment(lake, {siteUrl, sessionSecret: kept('session-secret'), label, body})
    created.push(comment.id)
    comments.push(comment)
  }
  return comments.slice(0, count)
}

const record = (comment: HeldComment) => `comment-private.${comment.id}`
const statuses = (comments: HeldComment[]) => lake.fetch<string[]>('*[_id in $ids] | order(submittedAt asc).status', {ids: comments.map(record)})
const rowBoxes = (on: Page = page) => on.getByRole('checkbox', {name: /^Choose the comment by /})

/** Opens the tool and searches for `word` among comments with `status`; waits for `count` rows. */
async function search(word: string, status: string, count: number, on: Page = page) {
  await on.goto(`${studioUrl}/moderation`)
  await on.getByText(/^(Comments \d+–\d+ of \d+|No comments match)/).waitFor(SLOW)
  const text = on.getByLabel('Text contains')
  const statusBox = on.getByLabel('Status')
  // Studio may draw the tool afresh once more as it starts, and what was typed then goes with
  // it: search again until the form keeps the search.
  await expect
    .poll(async () => {
      if ((await text.inputValue()) !== word || (await statusBox.inputValue()) !== status) {
        await statusBox.selectOption(status)
        await text.fill(word)
        await text.press('Enter')
      }
      return rowBoxes(on).count()
    }, FEW_SECONDS)
    .toBe(count)
}

test('found by their text, three comments chosen with the keyboard are approved at once, each as its own button would', async () => {
  const word = `bulkapprove${Date.now()}`
  const comments = await heldWith(word, 3)

  await session.step('search', () => search(word, 'pending', 3))

  await session.step('choose-by-keyboard', async () => {
    await rowBoxes().first().focus()
    // x chooses the first, j moves, Shift+j chooses the rest on the way down.
    await page.keyboard.press('x')
    await page.keyboard.press('Shift+j')
    await page.keyboard.press('Shift+ArrowDown')
    for (let index = 0; index < 3; index++) expect(await rowBoxes().nth(index).isChecked()).toBe(true)
    // Moving on without choosing, and choosing again, changes only that row.
    await page.keyboard.press('k')
    await page.keyboard.press(' ')
    expect(await rowBoxes().nth(1).isChecked()).toBe(false)
    await page.keyboard.press('x')
    expect(await rowBoxes().nth(1).isChecked()).toBe(true)
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toMatch(/^Choose the comment by Reader/)
  })

  await session.step('axe', async () => {
    expect(await axeViolations(page, '#comment-moderation')).toEqual([])
  })

  await session.step('approve', async () => {
    await page.getByRole('button', {name: 'Approve (3)'}).click()
    await expect.poll(() => page.getByRole('status').filter({hasText: 'Done: 3 approved.'}).count(), FEW_SECONDS).toBe(1)
    expect(await statuses(comments)).toEqual(['approved', 'approved', 'approved'])
    for (const comment of comments) {
      // The public copy was written with each, and each has its audit entry in the Studio user's name.
      expect(await lake.fetch('*[_id == $id][0]._type', {id: comment.id})).toBe('publicComment')
      expect(
        await lake.fetch('*[_type == "commentAudit" && comment._ref == $record]{from, to, "kind": who.kind}', {record: record(comment)}, {perspective: 'raw'}),
      ).toEqual([{from: 'pending', to: 'approved', kind: 'studio'}])
    }
    // They left the Pending view; the one without the word was never in it.
    await expect.poll(() => rowBoxes().count(), FEW_SECONDS).toBe(0)
  })
}, 180_000)

test('a bulk Spam is reported to Akismet once per comment, and a bulk Restore once more as not spam', async () => {
  const word = `bulkspam${Date.now()}`
  const comments = await heldWith(word, 3)
  const akismet = akismetStandInAt(akismetUrl!)
  const reports = async (endpoint: string) =>
    (await akismet.log()).filter((entry) => entry.endpoint === endpoint && comments.some((comment) => comment.author === entry.params.comment_author))

  await session.step('spam', async () => {
    await search(word, 'pending', 3)
    await page.getByLabel('Choose all 3 on this page').check()
    await page.getByRole('button', {name: 'Spam (3)'}).click()
    await expect.poll(() => page.getByRole('status').filter({hasText: 'Done: 3 marked as spam.'}).count(), FEW_SECONDS).toBe(1)
    expect(await statuses(comments)).toEqual(['spam', 'spam', 'spam'])
    await expect.poll(async () => (await reports('submit-spam')).length, FEW_SECONDS).toBe(3)
    expect((await reports('submit-spam')).map((entry) => entry.params.comment_author).sort()).toEqual(comments.map((comment) => comment.author).sort())
  })

  await session.step('restore', async () => {
    await search(word, 'spam', 3)
    await rowBoxes().first().focus()
    await page.keyboard.press('x')
    await page.keyboard.press('End')
    await page.keyboard.press('Shift+x')
    await page.getByRole('button', {name: 'Restore (3)'}).click()
    await expect.poll(() => page.getByRole('status').filter({hasText: 'Done: 3 restored to pending.'}).count(), FEW_SECONDS).toBe(1)
    expect(await statuses(comments)).toEqual(['pending', 'pending', 'pending'])
    await expect.poll(async () => (await reports('submit-ham')).length, FEW_SECONDS).toBe(3)
    // Each reported once only: the reports came from the site's server, one per change.
    expect(await reports('submit-spam')).toHaveLength(3)
  })
}, 180_000)

test('Trash for more than ten comments asks first: Cancel changes nothing, confirming trashes them all', async () => {
  const word = `bulktrash${Date.now()}`
  const comments = await heldWith(word, 11)

  await session.step('ask', async () => {
    await search(word, 'pending', 11)
    await page.getByLabel('Choose all 11 on this page').check()
    await page.getByRole('button', {name: 'Trash (11)'}).click()
    const dialog = page.getByRole('dialog', {name: 'Trash: 11 comments?'})
    await dialog.waitFor(FEW_SECONDS)
    await dialog.getByRole('button', {name: 'Cancel'}).click()
    await dialog.waitFor({state: 'detached', ...FEW_SECONDS})
    expect(new Set(await statuses(comments))).toEqual(new Set(['pending']))
  })

  await session.step('confirm', async () => {
    await page.getByRole('button', {name: 'Trash (11)'}).click()
    await page.getByRole('dialog', {name: 'Trash: 11 comments?'}).getByRole('button', {name: 'Trash 11 comments'}).click()
    await expect.poll(() => page.getByRole('status').filter({hasText: 'Done: 11 moved to the trash.'}).count(), FEW_SECONDS).toBe(1)
    expect(new Set(await statuses(comments))).toEqual(new Set(['trash']))
  })
}, 180_000)

test('a viewer finds comments but sees no email, no email search and no decisions', async () => {
  const word = `bulkviewer${Date.now()}`
  const [comment] = await heldWith(word, 1)
  const name = `viewer${Date.now()}`
  const viewerToken = await addStudioUser(dataDir, name, 'viewer')
  const viewer = await openStudioSession({caPath: path.join(dataDir, 'content-lake', 'tls', 'ca.pem'), screenshotPrefix: 'studio-bulk-moderation-viewer'})
  // Everything the lake answered this browser, to look for the address in.
  const answers: Promise<string>[] = []
  viewer.page.on('response', (response) => {
    if (response.url().includes('/data/query/')) answers.push(response.text().catch(() => ''))
  })
  try {
    await viewer.step('search', async () => {
      await viewer.page.goto(`${studioUrl}/#token=${viewerToken}`)
      await viewer.page.getByRole('link', {name: 'Comments'}).first().waitFor(SLOW)
      await search(word, 'pending', 1, viewer.page)
    })
    const email = await lake.fetch<string>('*[_id == $id][0].email', {id: record(comment!)})
    expect(email).toMatch(/@example\.com$/)
    expect(await viewer.page.getByLabel('Commenter’s email').count()).toBe(0)
    expect(await viewer.page.getByRole('button', {name: /^(Approve|Spam|Trash|Restore) \(/}).count()).toBe(0)
    expect(await viewer.page.content()).not.toContain(email)
    expect((await Promise.all(answers)).filter((answer) => answer.includes(email))).toEqual([])
    // The same comment, for staff, shows it.
    await search(word, 'pending', 1)
    await expect.poll(() => page.getByText(email).count(), FEW_SECONDS).toBe(1)
  } finally {
    await viewer.close()
    await removeStudioUser(dataDir, name)
  }
}, 180_000)

test('nothing the browser did while moderating left the machine', () => {
  expect(session.escaped).toEqual([])
  expect(session.notRefusedByPage()).toEqual([])
})
