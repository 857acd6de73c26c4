import fs from 'node:fs'
import type {Browser, BrowserContext} from 'playwright-core'
import {afterAll, beforeAll, expect, inject, test} from 'vitest'
import {POST_ID} from '../../seed/life-in-balance'
import type {CaughtMessage} from '../../stand-ins/mail/message-store'
import {launchBrowser} from '../support/browser'
import {createComment} from '../support/comments-fixture'
import {lakeClient} from '../support/site-content'

// A commenter gets a copy of their comments and erases them, as they would: the privacy page
// in Chromium, the link from the email the site sent (read from the mail catcher npm start ran).
const siteUrl = inject('siteUrl')
const lakeUrl = inject('lakeUrl')
const mailUrl = inject('mailUrl')
const dataDir = inject('dataDir')
const lake = lakeClient(lakeUrl, dataDir)

const run = Date.now()
const email = `privacy-${run}@example.com`
const mine = [`comment-privacy-e2e-${run}-a`, `comment-privacy-e2e-${run}-b`]
const theirs = `comment-privacy-e2e-${run}-other`

let browser: Browser
let context: BrowserContext

beforeAll(async () => {
  await createComment(lake, {id: mine[0]!, postId: POST_ID, status: 'approved', email, body: 'My first words'})
  await createComment(lake, {id: mine[1]!, postId: POST_ID, status: 'pending', email: email.toUpperCase(), body: 'My second words'})
  await createComment(lake, {id: theirs, postId: POST_ID, status: 'approved', email: `someone-${run}@example.com`, body: 'Not mine'})
  browser = await launchBrowser()
  context = await browser.newContext({acceptDownloads: true})
})

afterAll(async () => {
  await browser?.close()
  await lake.transaction().delete(theirs).delete(`comment-private.${theirs}`).commit()
})

async function emailsTo(address: string): Promise<CaughtMessage[]> {
  const response = await fetch(`${mailUrl}/api/messages?to=${encodeURIComponent(address)}`)
  return (await response.json()) as CaughtMessage[]
}

test('request a link, read the email, download the copy, erase', async () => {
  const page = await context.newPage()
  await page.goto(`${siteUrl}/privacy/comments/`)
  await page.getByLabel('Email').fill(email)
  await page.getByRole('button', {name: 'Email me a link'}).click()
  await expect.poll(() => page.getByRole('status').textContent()).toContain('If we have comments from this address, we have emailed it a link.')

  await expect.poll(async () => (await emailsTo(email)).length, {timeout: 10_000}).toBe(1)
  const [message] = await emailsTo(email)
  const link = /^Manage your comments: (\S+)$/m.exec(message!.text)?.[1]
  expect(link).toMatch(`${siteUrl}/privacy/comments/`)

  const response = await page.goto(link!)
  expect(response?.status()).toBe(200)
  expect(response?.headers()['cache-control']).toBe('private, no-store')
  expect(await page.locator('main').innerText()).toContain(`We have 2 comments from ${email}`)

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', {name: 'Download my comments'}).click()])
  expect(download.suggestedFilename()).toMatch(/^my-comments-\d{4}-\d{2}-\d{2}\.json$/)
  const exported = JSON.parse(fs.readFileSync((await download.path())!, 'utf8')) as {
    comments: {id: string; text: string; status: string; post: {title: string}}[]
  }
  expect(exported.comments.map((comment) => [comment.id, comment.status, comment.text]).sort()).toEqual([
    [mine[0], 'approved', 'My first words'],
    [mine[1], 'pending', 'My second words'],
  ])
  expect(exported.comments[0]!.post.title).toContain('Hold On')

  // Erasing asks for a tick first; the browser itself stops an unticked form.
  await page.getByRole('checkbox', {name: 'I understand my comments will be erased for good.'}).check()
  await page.getByRole('button', {name: 'Erase my comments'}).click()
  await expect.poll(() => page.locator('h1').textContent()).toBe('Your comments are erased')
  expect(await page.getByRole('status').textContent()).toContain('2 comments were deleted')

  const left = await lake.fetch<string[]>(
    '*[_id in $ids]._id',
    {
      ids: [...mine, ...mine.map((id) => `comment-private.${id}`), theirs],
    },
    {perspective: 'raw'},
  )
  expect(left).toEqual([theirs])
})

test('without JavaScript the request form works the same, and an unknown address gets the same answer and no email', async () => {
  const noScript = await browser.newContext({javaScriptEnabled: false})
  const page = await noScript.newPage()
  const stranger = `stranger-${run}@example.com`
  await page.goto(`${siteUrl}/privacy/comments/`)
  await page.getByLabel('Email').fill(stranger)
  await page.getByRole('button', {name: 'Email me a link'}).click()
  await page.waitForLoadState()
  expect(await page.getByRole('status').textContent()).toContain('If we have comments from this address, we have emailed it a link.')
  // Give a (wrong) email time to arrive before checking that none did.
  await new Promise((resolve) => setTimeout(resolve, 1_000))
  expect(await emailsTo(stranger)).toEqual([])
  await noScript.close()
})
