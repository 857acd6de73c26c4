import type {Browser, Page} from 'playwright-core'
import {afterAll, beforeAll, describe, expect, inject, test} from 'vitest'
import type {CaughtMessage} from '../../stand-ins/mail/message-store'
import {axeViolations} from '../support/axe'
import {launchBrowser} from '../support/browser'
import {createComment} from '../support/comments-fixture'
import {removeFixturePosts} from '../support/fixture-cleanup'
import {lakeClient} from '../support/site-content'
import {setCommentStatus} from '~/sanity/comments.server'

// Follow-up comments (decision 0231), one-click unsubscribe (0230) and the site-wide comments
// feed, in Chromium with JavaScript on and off, against the stack `npm start` runs.

const siteUrl = inject('siteUrl')
const mailUrl = inject('mailUrl')!
const lake = lakeClient(inject('lakeUrl'), inject('dataDir'))
const run = Date.now().toString(36)
const POST = {_id: `e2e-follow-post-${run}`, slug: `e2e-follow-${run}`, title: 'On listening'}
const POST_PATH = `/2012/02/10/${POST.slug}/`

let browser: Browser
beforeAll(async () => {
  browser = await launchBrowser()
  await lake.createOrReplace(
    {_id: POST._id, _type: 'post', title: POST.title, slug: {_type: 'slug', current: POST.slug}, publishedAt: '2012-02-10T12:00:00Z'},
    {visibility: 'sync'},
  )
})
afterAll(async () => {
  await browser?.close()
  await removeFixturePosts(lake, [POST._id])
  await lake.delete({query: '*[_type == "followUps" && email in $emails]', params: {emails: [true, false].map(readerOf)}})
})

async function mailFor(address: string, matching: (message: CaughtMessage) => boolean): Promise<CaughtMessage> {
  let found: CaughtMessage | undefined
  await expect
    .poll(
      async () => {
        const messages = (await (await fetch(`${mailUrl}/api/messages?to=${encodeURIComponent(address)}`)).json()) as CaughtMessage[]
        found = messages.find(matching)
        return Boolean(found)
      },
      {timeout: 20_000, interval: 250},
    )
    .toBe(true)
  return found!
}

function link(message: CaughtMessage, label: string): string {
  const match = new RegExp(`^${label}: (\\S+)$`, 'm').exec(message.text)
  if (!match) throw new Error(`No "${label}" link in:\n${message.text}`)
  return match[1]!
}

const readerOf = (js: boolean) => `follow-${run}-${js ? 'js' : 'nojs'}@example.com`
const followUpsOf = (email: string) => lake.fetch<{posts: string[]}[]>('*[_type == "followUps" && email == $email]{posts}', {email}, {perspective: 'raw'})

describe.each([
  {mode: 'JavaScript on', js: true},
  {mode: 'JavaScript off', js: false},
])('a reader follows a post ($mode)', ({js}) => {
  const reader = readerOf(js)
  let page: Page

  test('ticking the box, then confirming by the emailed link, follows the post', async () => {
    page = await (await browser.newContext({javaScriptEnabled: js})).newPage()
    await page.goto(`${siteUrl}${POST_PATH}`)
    const form = page.locator('#respond form')
    await form.getByRole('textbox', {name: /^Name or pseudonym \(required\)/}).fill('Follower')
    await form.getByRole('textbox', {name: /^Email \(required\)/}).fill(reader)
    await form.getByRole('textbox', {name: 'Comment', exact: true}).fill(`Following along (${js ? 'js' : 'nojs'}).`)
    const box = form.getByRole('checkbox', {name: 'Notify me of follow-up comments by email.'})
    // Said before ticking: what the box covers, and that a confirmation email comes first.
    expect(await page.locator(`#${await box.getAttribute('aria-describedby')}`).textContent()).toBe(
      '(New comments on this post; the first time, we email you a link to confirm.)',
    )
    await box.check()
    // People take longer than this to write; the site holds anything faster.
    await page.waitForTimeout(3_100)
    await form.getByRole('button', {name: 'Post Comment'}).click()

    const confirmation = await mailFor(reader, (message) => message.subject.startsWith('Confirm follow-up comments'))
    expect(await followUpsOf(reader)).toEqual([])
    await page.goto(link(confirmation, 'Confirm follow-up comments'))
    expect(await page.locator('h1').textContent()).toBe('Email me follow-up comments?')
    if (js) expect(await axeViolations(page)).toEqual([])
    await page.getByRole('button', {name: 'Confirm follow-up comments'}).click()
    await expect.poll(() => page.getByRole('status').textContent()).toBe('We will email you new comments on this post as they are published.')
    if (js) expect(await axeViolations(page)).toEqual([])
    expect(await followUpsOf(reader)).toEqual([{posts: [POST._id]}])
  })

  test('an approved comment by someone else reaches them, and one click stops this post’s follow-ups', async () => {
    const id = `comment-e2e-follow-${run}-${js ? 'js' : 'nojs'}`
    await createComment(lake, {id, postId: POST._id, email: `other-${run}@example.com`, name: 'Other reader'})
    // A moderator's approval: the lake's webhook tells the site, which tells the followers.
    await setCommentStatus(lake, id, 'approved', {who: {kind: 'site', task: 'e2e'}})
    const followUp = await mailFor(reader, (message) => message.text.includes(`#${id}`))
    expect(followUp.listUnsubscribe).toBe(`<${link(followUp, 'Stop all emails from this blog')}>`)
    expect(followUp.listUnsubscribePost).toBe('List-Unsubscribe=One-Click')

    await page.goto(link(followUp, 'Stop follow-ups of this post'))
    expect(await page.locator('h1').textContent()).toBe('Stop follow-up comments on this post?')
    if (js) expect(await axeViolations(page)).toEqual([])
    await page.getByRole('button', {name: 'Stop follow-ups of this post'}).click()
    await expect.poll(() => page.locator('h1').textContent()).toBe('You are unsubscribed from this post')
    expect(await followUpsOf(reader)).toEqual([{posts: []}])

    // What a mail program sends for the List-Unsubscribe header: a bare POST from its own server.
    const oneClick = await fetch(followUp.listUnsubscribe.slice(1, -1), {
      method: 'POST',
      headers: {'Content-Type': 'application/x-www-form-urlencoded'},
      body: 'List-Unsubscribe=One-Click',
    })
    expect(oneClick.status).toBe(200)
    expect(await followUpsOf(reader)).toEqual([])
  })
})

test('the site-wide comments feed lists the approved comments, in RSS and Atom, linked from every page', async () => {
  const rss = await fetch(`${siteUrl}/comments/feed/`)
  expect(rss.headers.get('content-type')).toBe('application/rss+xml; charset=utf-8')
  const xml = await rss.text()
  expect(xml).toContain(`<title>Comment on ${POST.title} by Other reader</title>`)
  expect(xml).not.toContain(`other-${run}@example.com`)
  const atom = await fetch(`${siteUrl}/comments/feed/atom/`)
  expect(atom.headers.get('content-type')).toBe('application/atom+xml; charset=utf-8')
  expect(await atom.text()).toContain(`Comment on ${POST.title} by Other reader`)
  const home = await (await fetch(`${siteUrl}/`)).text()
  expect(home).toContain('<link rel="alternate" type="application/rss+xml" href="/comments/feed/" title="Comments RSS feed"/>')
  expect(home).toContain('<link rel="alternate" type="application/atom+xml" href="/comments/feed/atom/" title="Comments Atom feed"/>')
})
