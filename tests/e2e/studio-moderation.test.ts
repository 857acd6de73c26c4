import fs from 'node:fs'
import path from 'node:path'
import type {Page} from 'playwright-core'
import {afterAll, beforeAll, expect, inject, test} from 'vitest'
import {akismetStandInAt} from '../support/akismet-stand-in'
import {type HeldComment, ORIGINAL_POST_PATH as POST_PATH, storeHeldComment} from '../support/held-comment'
import {openStudioSession, type StudioSession} from '../support/studio-session'
import {lakeClient} from '../support/site-content'

// A moderator's day in Studio, against the stack `npm start` runs: comments arrive in the lake
// (written here as the site's comment store writes them), wait in Pending, and the moderator's
// decisions reach the post page and, for spam, Akismet (its stand-in, through the lake's webhook
// and the site's server: the Akismet key never enters the Studio).
const siteUrl = inject('siteUrl')
const lakeUrl = inject('lakeUrl')
const studioUrl = inject('lakeHttpsUrl')
const dataDir = inject('dataDir')
const akismetUrl = inject('akismetUrl')
const kept = (name: string) => fs.readFileSync(path.join(dataDir, name), 'utf8').trim()
const token = kept('content-lake-token')
const SLOW = {timeout: 60_000}
const FEW_SECONDS = {timeout: 15_000, interval: 250}

const lake = lakeClient(lakeUrl, dataDir)

let session: StudioSession
let page: Page
const created: string[] = []

beforeAll(async () => {
  session = await openStudioSession({caPath: path.join(dataDir, 'content-lake', 'tls', 'ca.pem'), screenshotPrefix: 'studio-moderation'})
  page = session.page
})

afterAll(async () => {
  await session?.close()
  // Other tests read the original post's comments: leave none of these behind.
  const transaction = lake.transaction()
  for (const id of created) transaction.delete(`comment-private.${id}`).delete(id).delete(`drafts.comment-private.${id}`)
  if (created.length > 0) await transaction.commit({visibility: 'sync'})
})

async function heldComment(label: string): Promise<HeldComment> {
  const comment = await storeHeldComment(lake, {siteUrl, sessionSecret: kept('session-secret'), label})
  created.push(comment.id)
  return comment
}

const pendingCount = () => lake.fetch<number>('count(*[_type == "comment" && status == "pending"])')

async function sitePostPage(): Promise<string> {
  return fetch(`${siteUrl}${POST_PATH}`).then((response) => response.text())
}

test('the Pending list counts what waits; approving a comment there puts it on the post page', async () => {
  const comment = await heldComment('approve')
  expect(await sitePostPage()).not.toContain(comment.body)

  await session.step('pending-list', async () => {
    await page.goto(`${studioUrl}/#token=${token}`)
    await page.getByRole('link', {name: 'Comments'}).first().click(SLOW)
    const pending = page.getByRole('link', {name: /^Pending \(\d+\)$/})
    await expect.poll(async () => (await pending.textContent(SLOW))?.trim(), SLOW).toBe(`Pending (${await pendingCount()})`)
    await pending.click()
    // Its row shows the comment's opening words, its author and its post.
    const row = page.getByRole('link', {name: new RegExp(comment.author)}).first()
    const rowText = (await row.textContent(SLOW)) ?? ''
    expect(rowText).toContain(comment.body.slice(0, 30))
    expect(rowText).toContain('on ““Hold On. We Don’t Do That”')
    await row.click()
  })

  const before = await pendingCount()
  await session.step('approve', async () => {
    await page.getByRole('button', {name: 'Approve'}).click(SLOW)
    await expect.poll(() => lake.fetch<string>('*[_id == $id][0].status', {id: `comment-private.${comment.id}`}), FEW_SECONDS).toBe('approved')
    // The public copy was written with it, and the log names the Studio user.
    expect(await lake.fetch('*[_id == $id][0]._type', {id: comment.id})).toBe('publicComment')
    expect(
      await lake.fetch(
        '*[_type == "commentAudit" && comment._ref == $record && to == "approved"][0].who.kind',
        {record: `comment-private.${comment.id}`},
        {perspective: 'raw'},
      ),
    ).toBe('studio')
    // …and the comment's own log shows it.
    await expect.poll(() => page.getByText(/Pending → Approved by .+ \(in Studio\)/).count(), FEW_SECONDS).toBe(1)
    // The count follows without a reload.
    await expect
      .poll(async () => (await page.getByRole('link', {name: /^Pending \(\d+\)$/}).textContent())?.trim(), FEW_SECONDS)
      .toBe(`Pending (${before - 1})`)
  })

  await session.step('on-the-post-page', async () => {
    await expect.poll(async () => (await sitePostPage()).includes(comment.body), FEW_SECONDS).toBe(true)
    await page.goto(`${siteUrl}${POST_PATH}`)
    await expect.poll(() => page.getByText(comment.body).count(), FEW_SECONDS).toBe(1)
  })
}, 180_000)

test('Spam, chosen from the keyboard, is reported to Akismet as submit-spam with the parameters the comment was checked with', async () => {
  const comment = await heldComment('spam')
  const akismet = akismetStandInAt(akismetUrl!)

  await session.step('open-comment', async () => {
    await page.goto(`${studioUrl}/structure/comments;comments-pending;comment-private.${comment.id}`)
    await expect.poll(() => page.getByText(comment.body).count(), SLOW).toBeGreaterThan(0)
  })

  await session.step('spam-by-keyboard', async () => {
    // The first action (Approve) is the footer's button; the others sit in the menu beside it.
    // Once the document is ready, open that menu and choose Spam with keys only.
    await expect.poll(() => page.getByRole('button', {name: 'Approve'}).isEnabled(), SLOW).toBe(true)
    const menu = page.getByRole('button', {name: 'Open document actions'})
    // Studio may still move focus as the document settles: focus the menu until it keeps it.
    await expect
      .poll(async () => {
        await menu.focus()
        return menu.evaluate((element) => element === document.activeElement)
      }, SLOW)
      .toBe(true)
    await page.keyboard.press('Enter')
    const spam = page.getByRole('menuitem', {name: 'Spam'})
    await spam.focus(SLOW)
    await page.keyboard.press('Enter')
    await expect.poll(() => lake.fetch<string>('*[_id == $id][0].status', {id: `comment-private.${comment.id}`}), FEW_SECONDS).toBe('spam')
  })

  await session.step('akismet-told', async () => {
    const reports = async () => (await akismet.log()).filter((entry) => entry.endpoint === 'submit-spam' && entry.params.comment_author === comment.author)
    await expect.poll(async () => (await reports()).length, FEW_SECONDS).toBe(1)
    const [report] = await reports()
    expect(report!.params).toMatchObject({user_ip: '198.51.100.7', user_agent: 'Mozilla/5.0 (studio e2e)', comment_content: comment.body})
    // Nothing from the browser went to Akismet: the report came from the site's server.
    expect(report!.userAgent).not.toMatch(/Chrome/)
  })
}, 180_000)

test('nothing the browser did while moderating left the machine', () => {
  expect(session.escaped).toEqual([])
  expect(session.notRefusedByPage()).toEqual([])
})
