import type {Browser} from 'playwright-core'
import {afterAll, beforeAll, describe, expect, test} from 'vitest'
import {launchBrowser} from '../support/browser'
import {type SiteWithOwnLake, startSiteWithOwnLake} from '../support/site-with-own-lake'

// The lake goes down between a reader opening the post and posting their comment: the text
// must come back to them with a clear message, with JavaScript on or off, and posting it again
// once the lake is back must work.

const ORIGINAL = '/2013/07/25/hold-on-we-dont-do-that-sex-therapy-v-sexual-surrogacy/'
let stack: SiteWithOwnLake
let browser: Browser

beforeAll(async () => {
  ;[stack, browser] = await Promise.all([startSiteWithOwnLake({COMMENT_MIN_FILL_SECONDS: '0'}), launchBrowser()])
}, 120_000)
afterAll(async () => {
  await browser?.close()
  await stack?.stop()
})

describe.each([
  {mode: 'JavaScript on', js: true},
  {mode: 'JavaScript off', js: false},
])('lake down ($mode)', ({js}) => {
  test('the reader’s comment comes back with a clear message, and posts once the lake returns', async () => {
    const words = `Please keep these words (${js ? 'js' : 'nojs'}).`
    const context = await browser.newContext({javaScriptEnabled: js})
    const page = await context.newPage()
    await page.goto(`${stack.siteUrl}${ORIGINAL}`)
    const form = page.locator('#respond form')
    await form.getByRole('textbox', {name: /^Email \(required\)/}).fill('kept@example.com')
    await form.getByRole('textbox', {name: /^Name or pseudonym \(required\)/}).fill('Kept')
    await form.getByRole('textbox', {name: 'Comment', exact: true}).fill(words)

    await stack.stopLake()
    try {
      await form.getByRole('button', {name: 'Post Comment'}).click()
      await expect.poll(() => page.getByRole('alert').first().innerText(), {timeout: 20_000}).toMatch(/could not be saved just now/)
      // The text is still in a field the reader can copy or send again.
      const kept = js ? page.getByRole('textbox', {name: 'Comment', exact: true}) : page.getByRole('textbox', {name: /^Your comment/})
      expect(await kept.inputValue()).toBe(words)
    } finally {
      await stack.startLake()
    }
    await page.getByRole('button', {name: js ? 'Post Comment' : 'Try posting it again'}).click()
    const article = page.locator('article.comment-body', {hasText: words})
    await article.waitFor({timeout: 20_000})
    expect(await article.innerText()).toContain('Your comment is awaiting moderation.')
    await context.close()
  }, 90_000)
})
