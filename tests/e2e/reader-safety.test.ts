import type {Browser, Page} from 'playwright-core'
import {commentRecordId} from '../../contract/documents'
import {afterAll, beforeAll, describe, expect, inject, test} from 'vitest'
import {axeViolations} from '../support/axe'
import {launchBrowser} from '../support/browser'
import {removeFixturePosts} from '../support/fixture-cleanup'
import {lakeClient} from '../support/site-content'

// Issue #13's reader-facing safety net in Chromium, with JavaScript on and off, against the
// stack `npm start` runs: the crisis notice beside the form, the footer, the content note on a
// sensitive post, and what a commenter who may be in crisis sees after posting. axe runs in the
// page, so only with JavaScript on; the markup is the server's either way.

const siteUrl = inject('siteUrl')
const lake = lakeClient(inject('lakeUrl'), inject('dataDir'))

const run = Date.now().toString(36)
const POST = {_id: `e2e-safety-post-${run}`, slug: `e2e-safety-${run}`, title: 'On asking for help'}
const SENSITIVE = {_id: `e2e-safety-sensitive-${run}`, slug: `e2e-safety-sensitive-${run}`, title: 'On loss'}
const pathOf = (post: {slug: string}) => `/2012/02/14/${post.slug}/`
const PRACTICE = {
  practicePhone: '(401) 555-0123',
  practiceAddress: '12 Quiet Lane\nCranston, RI 02910',
  appointmentUrl: 'https://appointments.example/wilder',
  appointmentLabel: 'Request a first session',
}

let browser: Browser
beforeAll(async () => {
  browser = await launchBrowser()
  const post = (fixture: typeof POST, extra: object = {}) => ({
    _id: fixture._id,
    _type: 'post',
    title: fixture.title,
    slug: {_type: 'slug', current: fixture.slug},
    publishedAt: '2012-02-14T12:00:00Z',
    ...extra,
  })
  await lake
    .transaction()
    .createOrReplace(post(POST))
    .createOrReplace(post(SENSITIVE, {sensitiveTopic: true}))
    .patch('siteSettings', (patch) => patch.set(PRACTICE))
    .commit({visibility: 'sync'})
})
afterAll(async () => {
  await browser?.close()
  await lake.patch('siteSettings').unset(Object.keys(PRACTICE)).commit({visibility: 'sync'})
  await removeFixturePosts(lake, [POST._id, SENSITIVE._id])
})

async function readerPage(javaScriptEnabled: boolean): Promise<Page> {
  const context = await browser.newContext({javaScriptEnabled})
  return context.newPage()
}

const hrefs = (page: Page, selector: string) => page.locator(`${selector} a`).evaluateAll((links) => links.map((link) => link.getAttribute('href')))

describe.each([
  {mode: 'JavaScript on', js: true},
  {mode: 'JavaScript off', js: false},
])('$mode', ({js}) => {
  const tag = `${run}-${js ? 'js' : 'nojs'}`

  test('beside the form: where to get help now and the not-advice notice; in the footer: the practice and the notice', async () => {
    const page = await readerPage(js)
    await page.goto(`${siteUrl}${pathOf(POST)}`)
    const notice = page.getByRole('complementary', {name: 'If you are in crisis or thinking about suicide'})
    expect(await hrefs(page, '#comments .crisis-notice')).toEqual(['tel:988', 'sms:988', 'sms:741741?&body=HOME', 'tel:911'])
    expect(await notice.innerText()).toContain('not around the clock')
    // After the form on an ordinary post, with the not-advice notice.
    expect(await page.locator('#respond + div > .crisis-notice').count()).toBe(1)
    expect(await page.locator('#comments .not-advice-notice').innerText()).toContain('does not create a therapist–client relationship')
    expect(await page.locator('.content-note').count()).toBe(0)
    // Before the form, read before writing: comments are public, and how to talk privately.
    expect(await page.locator('div:has(> .public-comments-notice) + #respond').count()).toBe(1)
    const publicNotice = page.locator('#comments .public-comments-notice')
    expect(await publicNotice.innerText()).toContain('Comments are public')
    expect(await publicNotice.getByRole('link', {name: '(401) 555-0123'}).getAttribute('href')).toBe('tel:4015550123')

    const footer = page.locator('footer.site-footer')
    expect(await footer.locator('address').innerText()).toContain('12 Quiet Lane\nCranston, RI 02910')
    expect(await footer.getByRole('link', {name: '(401) 555-0123'}).getAttribute('href')).toBe('tel:4015550123')
    expect(await footer.getByRole('link', {name: 'Request a first session'}).getAttribute('href')).toBe(PRACTICE.appointmentUrl)
    expect(await footer.locator('.not-advice-notice').innerText()).toContain('not medical or mental-health advice')
    // Every page, not only posts.
    await page.goto(`${siteUrl}/`)
    expect(await page.locator('footer.site-footer .not-advice-notice').count()).toBe(1)
    await page.goto(`${siteUrl}${pathOf(POST)}`)
    if (js) expect(await axeViolations(page)).toEqual([])
    await page.context().close()
  })

  test('a sensitive post: a content note before the post, the crisis notice above the form', async () => {
    const page = await readerPage(js)
    await page.goto(`${siteUrl}${pathOf(SENSITIVE)}`)
    const note = page.getByRole('note')
    expect(await note.innerText()).toMatch(/^Content note: This post discusses a difficult subject/)
    // Read before the body, after the title.
    expect(await page.locator('article.post > header + .content-note + .post-body').count()).toBe(1)
    expect(await page.locator('#comments div:has(> .crisis-notice) + div:has(> .public-comments-notice) + #respond').count()).toBe(1)
    expect(await page.locator('#respond ~ div > .crisis-notice').count()).toBe(0)
    if (js) expect(await axeViolations(page)).toEqual([])
    await page.context().close()
  })

  test('a comment that may come from someone in crisis: its writer sees where to get help, not “awaiting moderation”, now and on reload', async () => {
    const page = await readerPage(js)
    await page.goto(`${siteUrl}${pathOf(POST)}`)
    const form = page.locator('#respond form')
    await form.getByRole('textbox', {name: /^Name or pseudonym \(required\)/}).fill(`Sam ${tag}`)
    await form.getByRole('textbox', {name: /^Email \(required\)/}).fill(`sam-${tag}@example.com`)
    await form.getByRole('textbox', {name: 'Comment', exact: true}).fill(`Some days I want to end my life (${tag}).`)
    await page.waitForTimeout(3_100)
    await form.getByRole('button', {name: 'Post Comment'}).click()

    const care = page.locator('.comment-care[role="alert"]')
    await care.waitFor()
    const id = await page.locator('article.comment-body', {has: care}).getAttribute('id')
    expect(new URL(page.url()).hash).toBe(`#${id}`)
    expect(await lake.getDocument(commentRecordId(id!))).toMatchObject({status: 'pending', spamReason: expect.stringMatching(/^Needs care/)})
    const shown = async () => {
      const text = await page.locator(`[id="${id}"]`).innerText()
      expect(text).toContain('Thank you for sharing this')
      expect(text).not.toContain('awaiting moderation')
      // What was matched is never named back.
      expect(text).not.toMatch(/crisis language|suicidal thoughts|Needs care/)
      expect(await hrefs(page, `[id="${id}"] .comment-care`)).toEqual(['tel:988', 'sms:988', 'sms:741741?&body=HOME', 'tel:911'])
    }
    await shown()
    if (js) expect(await axeViolations(page)).toEqual([])
    await page.reload()
    await shown()

    // An ordinary first comment is still "awaiting moderation".
    await form.getByRole('textbox', {name: /^Name or pseudonym \(required\)/}).fill(`Sam ${tag}`)
    await form.getByRole('textbox', {name: /^Email \(required\)/}).fill(`sam-${tag}@example.com`)
    await form.getByRole('textbox', {name: 'Comment', exact: true}).fill(`Thank you for this (${tag}).`)
    await page.waitForTimeout(3_100)
    await form.getByRole('button', {name: 'Post Comment'}).click()
    const ordinary = page.locator('article.comment-body', {hasText: `Thank you for this (${tag}).`})
    await expect.poll(() => ordinary.innerText()).toContain('Your comment is awaiting moderation.')
    expect(await ordinary.locator('.comment-care').count()).toBe(0)
    await page.context().close()
  })
})
