import type {Browser, Page} from 'playwright-core'
import {afterAll, beforeAll, describe, expect, inject, test} from 'vitest'
import type {CaughtMessage} from '../../stand-ins/mail/message-store'
import {axeViolations} from '../support/axe'
import {launchBrowser} from '../support/browser'
import {removeFixturePosts} from '../support/fixture-cleanup'
import {lakeClient} from '../support/site-content'
import {saveComment} from '~/sanity/comments.server'

// A reader's report of a published comment (decision 0237), in Chromium with JavaScript on and
// off, against the stack `npm start` runs: the Report link under the comment, the report page,
// the thanks, and the hold once enough reports came.

const siteUrl = inject('siteUrl')
const mailUrl = inject('mailUrl')!
const lake = lakeClient(inject('lakeUrl'), inject('dataDir'))

const run = Date.now().toString(36)
const moderator = `report-moderator-${run}@example.com`
const POST = {_id: `e2e-reports-post-${run}`, slug: `e2e-reports-${run}`, title: 'On setting limits'}
const POST_PATH = `/2012/02/14/${POST.slug}/`

let browser: Browser
let previousHoldAfter: unknown
beforeAll(async () => {
  browser = await launchBrowser()
  previousHoldAfter = await lake.fetch('*[_id == "siteSettings"][0].moderation.holdAfterReports')
  await lake
    .transaction()
    .createOrReplace({_id: POST._id, _type: 'post', title: POST.title, slug: {_type: 'slug', current: POST.slug}, publishedAt: '2012-02-14T12:00:00Z'})
    // Every test here reports from this machine's one network: one report is all it can count.
    .patch('siteSettings', (patch) => patch.setIfMissing({moderation: {}}).set({'moderation.holdAfterReports': 1, 'moderation.notifyEmails': [moderator]}))
    .commit({visibility: 'sync'})
})
afterAll(async () => {
  await browser?.close()
  const restore = lake.patch('siteSettings')
  await (typeof previousHoldAfter === 'number'
    ? restore.set({'moderation.holdAfterReports': previousHoldAfter})
    : restore.unset(['moderation.holdAfterReports'])
  ).commit()
  await removeFixturePosts(lake, [POST._id])
})

async function publishedComment(name: string, body: string): Promise<string> {
  const id = `comment-e2e-report-${run}-${name.toLowerCase()}`
  await saveComment(lake, {
    id,
    post: {_id: POST._id},
    submission: {name, email: `${name.toLowerCase()}@example.com`, body, notifyReplies: false, notifyPosts: false},
    status: 'approved',
    spamVerdict: 'ham',
    reasons: [],
    submittedAt: new Date(),
    networkAddressHash: '',
    userAgent: 'e2e',
  })
  return id
}

async function reportFromThePost(page: Page, name: string, javaScriptEnabled: boolean): Promise<void> {
  // axe runs as a script in the page: with JavaScript off the same markup was checked with it on.
  const axeClean = async () => {
    if (javaScriptEnabled) expect(await axeViolations(page)).toEqual([])
  }
  await page.goto(`${siteUrl}${POST_PATH}`)
  // The post page with its Report links, as readers get it.
  await axeClean()
  await page.getByRole('link', {name: `Report the comment by ${name}`}).click()
  await page.getByRole('heading', {name: 'Report a comment'}).waitFor()
  await axeClean()
  await page.getByRole('radio', {name: 'It is abusive, hateful or harassing'}).check()
  await page.getByRole('button', {name: 'Send report'}).click()
  await page.getByRole('heading', {name: 'Thank you for telling us'}).waitFor()
  await expect.poll(() => page.getByRole('status').textContent()).toContain('A person at the practice will look at this comment.')
  await axeClean()
}

async function moderatorMails(): Promise<CaughtMessage[]> {
  return (await (await fetch(`${mailUrl}/api/messages?to=${encodeURIComponent(moderator)}`)).json()) as CaughtMessage[]
}

describe.each([true, false])('JavaScript %s', (javaScriptEnabled) => {
  test('a reader reports a comment from the Report link; it is held, its public copy goes, and moderators are emailed without reporter data', async () => {
    const name = javaScriptEnabled ? 'Jay' : 'Noah'
    const id = await publishedComment(name, `Words ${name} wrote that a reader objects to.`)
    const context = await browser.newContext({javaScriptEnabled})
    const page = await context.newPage()
    try {
      await reportFromThePost(page, name, javaScriptEnabled)
      expect(await lake.getDocument(`comment-private.${id}`)).toMatchObject({status: 'pending', reportCount: 1})
      expect(await lake.getDocument(id)).toBeUndefined()
      await expect.poll(async () => (await moderatorMails()).some((message) => message.text.includes(`Words ${name} wrote`)), {timeout: 15_000}).toBe(true)
      const message = (await moderatorMails()).find((mail) => mail.text.includes(`Words ${name} wrote`))!
      expect(message.text).toContain('Why it was held: Reported by 1 reader: abusive or harassing (1).')
      expect(message.text).not.toMatch(/127\.0\.0\.1|::1/)
      // Held: the post no longer shows it, nor a Report link for it.
      await page.goto(`${siteUrl}${POST_PATH}`)
      expect(await page.getByRole('link', {name: `Report the comment by ${name}`}).count()).toBe(0)
    } finally {
      await context.close()
    }
  })
})

test('a comment that is not published has no report page', async () => {
  const response = await fetch(`${siteUrl}/comment/e2e-no-such-comment-${run}/report/`)
  expect(response.status).toBe(404)
  expect(response.headers.get('cache-control')).toContain('no-store')
})
