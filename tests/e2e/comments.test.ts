import type {Browser, Page} from 'playwright-core'
import {afterAll, beforeAll, describe, expect, inject, test} from 'vitest'
import type {CaughtMessage} from '../../stand-ins/mail/message-store'
import {akismetStandInAt} from '../support/akismet-stand-in'
import {launchBrowser} from '../support/browser'
import {removeFixturePosts} from '../support/fixture-cleanup'
import {lakeClient} from '../support/site-content'
import {setCommentStatus} from '~/sanity/comments.server'

// A reader's comment from the post page to its approval, in Chromium, with JavaScript on and
// off, against the stack `npm start` runs (lake, site, Akismet stand-in, mail catcher).

const siteUrl = inject('siteUrl')
const mailUrl = inject('mailUrl')!
const akismet = akismetStandInAt(inject('akismetUrl')!)
const lake = lakeClient(inject('lakeUrl'), inject('dataDir'))

const run = Date.now().toString(36)
const moderator = `moderator-${run}@example.com`
const POST = {_id: `e2e-comments-post-${run}`, slug: `e2e-comments-${run}`, title: 'On rest and recovery'}
// Noon UTC is the same day in the blog's time zone (New York).
const POST_PATH = `/2012/01/10/${POST.slug}/`

let browser: Browser
beforeAll(async () => {
  browser = await launchBrowser()
  await lake
    .transaction()
    .createOrReplace({_id: POST._id, _type: 'post', title: POST.title, slug: {_type: 'slug', current: POST.slug}, publishedAt: '2012-01-10T12:00:00Z'})
    .patch('siteSettings', (patch) => patch.setIfMissing({moderation: {}}).set({'moderation.mode': 'holdFirstTime', 'moderation.notifyEmails': [moderator]}))
    .commit({visibility: 'sync'})
})
afterAll(async () => {
  await browser?.close()
  await removeFixturePosts(lake, [POST._id])
})

async function readerPage(javaScriptEnabled: boolean): Promise<Page> {
  const context = await browser.newContext({javaScriptEnabled})
  const page = await context.newPage()
  page.on('dialog', (dialog) => {
    throw new Error(`A script in a comment ran: ${dialog.message()}`)
  })
  return page
}

interface Typed {
  name?: string
  email?: string
  website?: string
  body: string
  saveDetails?: boolean
}

async function fillAndPost(page: Page, fields: Typed): Promise<void> {
  const form = page.locator('#respond form')
  // Labels as readers see them: "Email (required) (Address never made public)", "Name or pseudonym (required)".
  if (fields.name !== undefined) await form.getByRole('textbox', {name: /^Name or pseudonym \(required\)/}).fill(fields.name)
  if (fields.email !== undefined) await form.getByRole('textbox', {name: /^Email \(required\)/}).fill(fields.email)
  if (fields.website !== undefined) await form.getByRole('textbox', {name: 'Website', exact: true}).fill(fields.website)
  await form.getByRole('textbox', {name: 'Comment', exact: true}).fill(fields.body)
  if (fields.saveDetails) await form.getByRole('checkbox', {name: /^Save my name, email, and website/}).check()
  // People take longer than this to write; the site holds anything faster.
  await page.waitForTimeout(3_100)
  await form.getByRole('button', {name: 'Post Comment'}).click()
}

async function commentId(page: Page, body: string): Promise<string> {
  const article = page.locator('article.comment-body', {hasText: body})
  await article.waitFor()
  return (await article.getAttribute('id'))!
}

/** A moderator's approval, as the site's comment store writes it (record, public copy, log). */
const approve = (id: string) => setCommentStatus(lake, id, 'approved', {who: {kind: 'site', task: 'e2e'}})

async function statusOf(id: string): Promise<string | undefined> {
  return (await lake.getDocument<{status: string}>(`comment-private.${id}`))?.status
}

async function moderationMail(body: string): Promise<CaughtMessage> {
  let found: CaughtMessage | undefined
  await expect
    .poll(
      async () => {
        const messages = (await (await fetch(`${mailUrl}/api/messages?to=${encodeURIComponent(moderator)}`)).json()) as CaughtMessage[]
        found = messages.find((message) => message.text.includes(body))
        return Boolean(found)
      },
      {timeout: 15_000, interval: 250},
    )
    .toBe(true)
  return found!
}

function link(message: CaughtMessage, label: string): string {
  const match = new RegExp(`^${label}: (\\S+)$`, 'm').exec(message.text)
  if (!match) throw new Error(`No "${label}" link in:\n${message.text}`)
  return match[1]!
}

describe.each([
  {mode: 'JavaScript on', js: true},
  {mode: 'JavaScript off', js: false},
])('a guest comments ($mode)', ({mode, js}) => {
  const tag = `${run}-${js ? 'js' : 'nojs'}`
  let parentId: string

  test('the comment is held; its author sees it awaiting moderation and nobody else does', async () => {
    const page = await readerPage(js)
    await page.goto(`${siteUrl}${POST_PATH}`)
    await expect.poll(() => page.locator('#reply-title').innerText()).toBe('Leave a Reply')
    await fillAndPost(page, {name: `Nora ${tag}`, email: `nora-${tag}@example.com`, body: `Thank you for this post (${tag}).`, saveDetails: true})

    parentId = await commentId(page, `(${tag})`)
    expect(new URL(page.url()).hash).toBe(`#${parentId}`)
    // Posted: the form is ready for the next comment.
    expect(await page.getByRole('textbox', {name: 'Comment', exact: true}).inputValue()).toBe('')
    await expect.poll(() => page.locator(`[id="${parentId}"]`).innerText()).toContain('Your comment is awaiting moderation.')
    expect(await statusOf(parentId)).toBe('pending')

    const stranger = await readerPage(js)
    await stranger.goto(`${siteUrl}${POST_PATH}`)
    expect(await stranger.locator('#comments').innerText()).not.toContain(`(${tag})`)
    await stranger.context().close()

    // "Save my name, email, and website": the next form is filled in for them, and only for them.
    await page.goto(`${siteUrl}${POST_PATH}`)
    expect(await page.getByRole('textbox', {name: /^Name or pseudonym \(required\)/}).inputValue()).toBe(`Nora ${tag}`)
    expect(await page.getByRole('textbox', {name: /^Email \(required\)/}).inputValue()).toBe(`nora-${tag}@example.com`)
    expect(await page.getByRole('textbox', {name: 'Comment', exact: true}).inputValue()).toBe('')
    await page.context().close()
  })

  test('a moderator approves it from the email, and it appears for everyone', async () => {
    const mail = await moderationMail(`(${tag})`)
    const moderatorPage = await readerPage(js)
    await moderatorPage.goto(link(mail, 'Approve'))
    await expect.poll(() => moderatorPage.locator('main').innerText()).toContain('Approve this comment?')
    expect(await statusOf(parentId)).toBe('pending')
    await moderatorPage.getByRole('button', {name: /approve/i}).click()
    await expect.poll(() => moderatorPage.locator('main').innerText()).toContain('approved')
    expect(await statusOf(parentId)).toBe('approved')
    await moderatorPage.context().close()

    const reader = await readerPage(js)
    await expect
      .poll(
        async () => {
          await reader.goto(`${siteUrl}${POST_PATH}`)
          return reader.locator(`[id="${parentId}"]`).count()
        },
        {timeout: 15_000},
      )
      .toBe(1)
    expect(await reader.locator('#comments-title').innerText()).toMatch(/thoughts? on “On rest and recovery”$/)
    expect(await reader.locator(`[id="${parentId}"]`).innerText()).not.toContain('awaiting moderation')
    await reader.context().close()
  })

  test('a reply opens under the comment and threads beneath it', async () => {
    const page = await readerPage(js)
    await page.goto(`${siteUrl}${POST_PATH}`)
    await page.getByRole('link', {name: `Reply to Nora ${tag}`}).click()
    // The form is now under the comment, answering it.
    const threaded = page.locator(`li:has(> [id="${parentId}"]) > .comment-respond`)
    await threaded.waitFor()
    expect(await threaded.locator('#reply-title').innerText()).toContain(`Leave a Reply to Nora ${tag}`)
    if (js) expect(new URL(page.url()).search).toBe('')
    await fillAndPost(page, {name: `Omar ${tag}`, email: `omar-${tag}@example.com`, body: `A reply (${tag}).`})
    const replyId = await commentId(page, `A reply (${tag})`)
    expect(await lake.getDocument(`comment-private.${replyId}`)).toMatchObject({parent: {_ref: `comment-private.${parentId}`}, status: 'pending'})
    await approve(replyId)

    const reader = await readerPage(js)
    await expect
      .poll(
        async () => {
          await reader.goto(`${siteUrl}${POST_PATH}`)
          return reader.locator(`li:has(> [id="${parentId}"]) > ol.children [id="${replyId}"]`).count()
        },
        {timeout: 15_000},
      )
      .toBe(1)
    await reader.context().close()
    await page.context().close()
  })

  test('a mistake comes back next to its field with everything typed still there', async () => {
    const page = await readerPage(js)
    await page.goto(`${siteUrl}${POST_PATH}`)
    await fillAndPost(page, {name: '', email: 'not-an-address', website: 'javascript:alert(1)', body: `Words worth keeping (${tag})`})
    const alert = page.getByRole('alert')
    await expect.poll(() => alert.innerText()).toContain('Please correct the highlighted fields.')
    expect(await page.locator('#comment-name-error').innerText()).toContain('Please enter a name or pseudonym')
    const email = page.getByRole('textbox', {name: /^Email \(required\)/})
    expect(await email.getAttribute('aria-invalid')).toBe('true')
    expect(await email.inputValue()).toBe('not-an-address')
    expect(await page.getByRole('textbox', {name: 'Comment', exact: true}).inputValue()).toBe(`Words worth keeping (${tag})`)
    await page.context().close()
  })

  test(`Akismet's guaranteed spam is stored as spam (${mode})`, async () => {
    const page = await readerPage(js)
    await page.goto(`${siteUrl}${POST_PATH}`)
    await fillAndPost(page, {name: 'akismet-guaranteed-spam', email: `spam-${tag}@example.com`, body: `Cheap pills (${tag})`})
    const id = await commentId(page, `Cheap pills (${tag})`)
    expect(await lake.getDocument(`comment-private.${id}`)).toMatchObject({status: 'spam', spamVerdict: 'spam'})
    await page.context().close()
  })

  test('script and HTML in every field are shown as text and never run', async () => {
    const hostile = `<img src=x onerror="alert('${tag}')"><script>alert('${tag}')</script>`
    const page = await readerPage(js)
    await page.goto(`${siteUrl}${POST_PATH}`)
    await fillAndPost(page, {
      name: `Eve ${hostile}`,
      email: `eve-${tag}@example.com`,
      website: `https://eve.example/"><script>alert('${tag}')</script>`,
      body: `Hello (${tag}) ${hostile}`,
    })
    const id = await commentId(page, `Hello (${tag})`)
    await approve(id)

    const reader = await readerPage(js)
    await expect
      .poll(
        async () => {
          await reader.goto(`${siteUrl}${POST_PATH}`)
          return reader.locator(`[id="${id}"]`).count()
        },
        {timeout: 15_000},
      )
      .toBe(1)
    const comment = reader.locator(`[id="${id}"]`)
    expect(await comment.innerText()).toContain(`Hello (${tag}) ${hostile}`)
    expect(await comment.innerText()).toContain(`Eve ${hostile}`)
    expect(await comment.locator('img, script').count()).toBe(0)
    // The website is only ever an attribute value, quotes and brackets included.
    expect(await comment.locator('a.comment-author-link').getAttribute('href')).toMatch(/^https:\/\/eve\.example\//)
    await reader.context().close()
    await page.context().close()
  })

  test('Akismet down: the comment is held for a moderator, with the reason', async () => {
    await akismet.next({endpoint: 'comment-check', status: 503})
    const page = await readerPage(js)
    await page.goto(`${siteUrl}${POST_PATH}`)
    await fillAndPost(page, {name: `Pat ${tag}`, email: `pat-${tag}@example.com`, body: `While Akismet is away (${tag})`})
    const id = await commentId(page, `While Akismet is away (${tag})`)
    expect(await lake.getDocument(`comment-private.${id}`)).toMatchObject({
      status: 'pending',
      spamVerdict: 'unchecked',
      spamReason: expect.stringContaining('Not spam-checked'),
    })
    await page.context().close()
  })
})
