import type {Browser, Page} from 'playwright-core'
import {afterAll, beforeAll, expect, inject, test} from 'vitest'
import {readOriginalPost} from '../../seed/capture'
import {launchBrowser} from '../support/browser'

const siteUrl = inject('siteUrl')
const POST_PATH = '/2013/07/25/hold-on-we-dont-do-that-sex-therapy-v-sexual-surrogacy/'
const original = readOriginalPost()

let browser: Browser
let page: Page

beforeAll(async () => {
  browser = await launchBrowser()
  page = await browser.newPage()
})

afterAll(async () => {
  await browser?.close()
})

const normalize = (text: string) => text.replace(/\s+/g, ' ').trim()

test('the original address serves the post: title, byline, sub-heading, blockquote, every paragraph in order, and the link', async () => {
  const response = await page.goto(`${siteUrl}${POST_PATH}`)
  expect(response?.status()).toBe(200)

  expect(await page.locator('article.post h1').textContent()).toBe(original.title)
  expect(normalize(await page.locator('article.post .byline').innerText())).toBe(original.byline)
  expect(await page.locator('article.post h2').allTextContents()).toEqual(['So What’s the Difference?'])
  expect(normalize(await page.locator('article.post blockquote').innerText())).toMatch(
    /^“The surrogate participates with the client .* social skills training\.”$/,
  )

  // The IPSA paragraph runs on into the blockquote, so compare running text, not elements.
  const articleText = normalize(await page.locator('article.post').innerText())
  let position = articleText.indexOf(normalize(original.title))
  for (const paragraph of original.paragraphs) {
    const found = articleText.indexOf(normalize(paragraph), position)
    expect(found, `paragraph missing or out of order: ${paragraph.slice(0, 60)}…`).toBeGreaterThan(position)
    position = found
  }

  const link = page.locator('article.post a[href*="goodtherapy.org"]')
  expect(await link.textContent()).toBe('GooodTherapy.org’s Sex/Sexuality Page')
  expect(await link.getAttribute('href')).toMatch(/^https:\/\/www\.goodtherapy\.org\//)
  expect(await page.title()).toContain(original.title)
})

test('page noise from WordPress.com is not on the page', async () => {
  await page.goto(`${siteUrl}${POST_PATH}`)
  const text = await page.locator('body').innerText()
  expect(text).not.toContain('Advertisements')
  expect(text).not.toContain('Connecting to %s')
})

test('the home page lists the post, and its link leads to it without a browser error', async () => {
  const errors: string[] = []
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text())
  })
  page.on('pageerror', (error) => errors.push(error.message))
  await page.goto(siteUrl)
  const link = page.locator('main h2 a', {hasText: 'Hold On. We Don’t Do That'})
  expect(await link.getAttribute('href')).toBe(POST_PATH)
  expect(await page.locator('main time').first().textContent()).toBe('July 25, 2013')
  expect(await page.locator('main .post-summary p').nth(1).textContent()).toMatch(/^The universe has impeccable timing\./)
  // With JavaScript on this is a client-side navigation: no new document, so no load event.
  await link.click()
  await page.waitForURL(`${siteUrl}${POST_PATH}`, {waitUntil: 'commit'})
  await page.locator('article.post h1').waitFor()
  expect(await page.locator('article.post h1').textContent()).toBe(original.title)
  expect(errors).toEqual([])
})

test('the address without its trailing slash moves permanently to the canonical one', async () => {
  const response = await fetch(`${siteUrl}${POST_PATH.slice(0, -1)}`, {redirect: 'manual'})
  expect(response.status).toBe(301)
  expect(new URL(response.headers.get('location')!, siteUrl).pathname).toBe(POST_PATH)
})

test('unknown addresses get a real 404 page', async () => {
  for (const path of ['/no/such/page', '/2013/07/25/no-such-post/', '/2013/7/25/hold-on-we-dont-do-that-sex-therapy-v-sexual-surrogacy/']) {
    const response = await page.goto(`${siteUrl}${path}`)
    expect(response?.status(), path).toBe(404)
    expect(await page.locator('main h1').textContent()).toBe('Page not found')
    expect(await page.locator('main a[href="/"]').count()).toBe(1)
  }
})

test('reading works with JavaScript off', async () => {
  const context = await browser.newContext({javaScriptEnabled: false})
  const noJs = await context.newPage()
  await noJs.goto(siteUrl)
  await noJs.locator('main h2 a').first().click()
  await noJs.waitForURL(`${siteUrl}${POST_PATH}`)
  expect(await noJs.locator('article.post h1').textContent()).toBe(original.title)
  await context.close()
})
