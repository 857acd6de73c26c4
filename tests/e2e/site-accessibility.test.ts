import type {Browser, Page} from 'playwright-core'
import {afterAll, beforeAll, describe, expect, inject, test} from 'vitest'
import {axeViolations} from '../support/axe'
import {launchBrowser} from '../support/browser'

const siteUrl = inject('siteUrl')

const PAGES = {
  home: '/',
  post: '/2013/07/25/hold-on-we-dont-do-that-sex-therapy-v-sexual-surrogacy/',
  archive: '/category/sexual-health/',
  search: '/search/?q=therapy',
  'not found': '/no/such/page/',
}

let browser: Browser
let page: Page

beforeAll(async () => {
  browser = await launchBrowser()
  page = await browser.newPage()
})

afterAll(async () => {
  await browser?.close()
})

describe.each(['light', 'dark'] as const)('axe-core in the %s theme', (colorScheme) => {
  test.each(Object.entries(PAGES))('no violations on the %s page', async (_name, path) => {
    await page.emulateMedia({colorScheme})
    await page.goto(`${siteUrl}${path}`)
    expect(await axeViolations(page)).toEqual([])
  })
})

test('pages are in English, fit a 320 px screen without sideways scrolling, and the skip link is the first stop', async () => {
  const narrow = await browser.newPage({viewport: {width: 320, height: 640}})
  for (const path of Object.values(PAGES)) {
    await narrow.goto(`${siteUrl}${path}`)
    expect(await narrow.locator('html').getAttribute('lang')).toBe('en')
    expect(await narrow.evaluate(() => document.documentElement.scrollWidth), path).toBeLessThanOrEqual(320)
  }
  await narrow.goto(`${siteUrl}${PAGES.post}`)
  await narrow.keyboard.press('Tab')
  expect(await narrow.evaluate(() => document.activeElement?.textContent)).toBe('Skip to content')
  // Visible when focused, with an outline.
  expect(await narrow.locator('.skip-link').evaluate((link) => link.getBoundingClientRect().left)).toBeGreaterThanOrEqual(0)
  await narrow.keyboard.press('Enter')
  expect(await narrow.evaluate(() => document.activeElement?.id)).toBe('main')
  await narrow.keyboard.press('Tab')
  const outline = await narrow.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle)
  expect(outline).toBe('solid')
  await narrow.close()
})

test('images keep their box while loading: nothing on the post page shifts its layout', async () => {
  const observed = await browser.newPage()
  await observed.addInitScript(() => {
    const shifts: number[] = []
    ;(window as unknown as {shifts: number[]}).shifts = shifts
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) shifts.push((entry as unknown as {value: number}).value)
    }).observe({type: 'layout-shift', buffered: true})
  })
  await observed.goto(`${siteUrl}${PAGES.post}`, {waitUntil: 'networkidle'})
  const total = await observed.evaluate(() => (window as unknown as {shifts: number[]}).shifts.reduce((a, b) => a + b, 0))
  expect(total).toBeLessThan(0.01)
  await observed.close()
})
