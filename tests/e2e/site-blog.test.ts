import type {SanityClient} from '@sanity/client'
import type {Browser, Page} from 'playwright-core'
import {afterAll, beforeAll, describe, expect, inject, test} from 'vitest'
import {launchBrowser} from '../support/browser'
import {AUTHOR, CATEGORY, createSiteFixtures, lakeClient, POST_COUNT, postSlug, removeSiteFixtures} from '../support/site-content'

const siteUrl = inject('siteUrl')
const ORIGINAL = '/2013/07/25/hold-on-we-dont-do-that-sex-therapy-v-sexual-surrogacy/'
const fixturePath = (n: number) => `/2011/${String(n).padStart(2, '0')}/15/${postSlug(n)}/`

let client: SanityClient
let browser: Browser
let page: Page

beforeAll(async () => {
  client = lakeClient(inject('lakeUrl'), inject('dataDir'))
  await removeSiteFixtures(client)
  await createSiteFixtures(client)
  browser = await launchBrowser()
  page = await browser.newPage()
})

afterAll(async () => {
  await browser?.close()
  await removeSiteFixtures(client)
})

const normalize = (text: string) => text.replace(/\s+/g, ' ').trim()
const status = async (path: string) => {
  const response = await fetch(`${siteUrl}${path}`, {redirect: 'manual'})
  return {status: response.status, location: response.headers.get('location')}
}

describe('the post page', () => {
  test('the original post keeps WordPress’s furniture: byline, author note, category line', async () => {
    await page.goto(`${siteUrl}${ORIGINAL}`)
    expect(normalize(await page.locator('article .byline').innerText())).toBe('By Dr. Jami Wilder')
    expect(await page.locator('article .byline a').getAttribute('href')).toBe('/author/jami-wilder/')
    expect(await page.locator('article .post-meta time').textContent()).toBe('July 25, 2013')
    expect(normalize(await page.locator('article .author-note').innerText())).toBe(
      'Jami Wilder, Psy.D. is co-owner of Wilder Therapy and Wellness in Cranston, RI.',
    )
    expect(normalize(await page.locator('article .entry-meta').innerText())).toBe('This entry was posted in Sexual Health. Bookmark the permalink.')
    expect(await page.locator('article .entry-meta a[rel="category tag"]').getAttribute('href')).toBe('/category/sexual-health/')
  })

  test('categories and tags line, previous/next links and related posts', async () => {
    await page.goto(`${siteUrl}${fixturePath(1)}`)
    expect(normalize(await page.locator('article .entry-meta').innerText())).toBe(
      `This entry was posted in ${CATEGORY.title} and tagged Sleep Hygiene, Worry. Bookmark the permalink.`,
    )
    expect(await page.locator('article .entry-meta a[rel="tag"]').evaluateAll((links) => links.map((a) => a.getAttribute('href')))).toEqual([
      '/tag/sleep-hygiene/',
      '/tag/worry/',
    ])
    // The oldest fixture has no older neighbour; the next is post 2.
    expect(await page.locator('.post-navigation a[rel="prev"]').count()).toBe(0)
    expect(await page.locator('.post-navigation a[rel="next"]').getAttribute('href')).toBe(fixturePath(2))

    await page.goto(`${siteUrl}${fixturePath(5)}`)
    expect(await page.locator('.post-navigation a[rel="prev"]').getAttribute('href')).toBe(fixturePath(4))
    expect(await page.locator('.post-navigation a[rel="next"]').getAttribute('href')).toBe(fixturePath(6))
    // Related: the three newest others in the same category, never the post itself.
    expect(await page.locator('.related-posts li a').evaluateAll((links) => links.map((a) => a.getAttribute('href')))).toEqual([
      fixturePath(12),
      fixturePath(11),
      fixturePath(10),
    ])
    // The newest post's "next" is the original (it is newer than every fixture).
    await page.goto(`${siteUrl}${fixturePath(12)}`)
    expect(await page.locator('.post-navigation a[rel="next"]').getAttribute('href')).toBe(ORIGINAL)
  })

  test('Portable Text: anchored headings, lists, quotes, safe links and a responsive image', async () => {
    await page.goto(`${siteUrl}${fixturePath(1)}`)
    const body = page.locator('article .post-body')
    expect(await body.locator('h2').getAttribute('id')).toBe('breathing-first')
    expect(await body.locator('h3').getAttribute('id')).toBe('breathing-first-2')
    expect(await body.locator('h2 a').getAttribute('href')).toBe('#breathing-first')
    expect(await body.locator('ul > li').allTextContents()).toEqual(['Count to four', 'Hold for four'])
    expect(await body.locator('ol > li').allTextContents()).toEqual(['Then rest'])
    expect(await body.locator('blockquote').innerText()).toBe('Slow is smooth.')
    expect(await body.locator('a[href="https://example.org/breathing"]').getAttribute('rel')).toContain('noopener')
    expect(await body.locator('a', {hasText: 'inside'}).getAttribute('href')).toBe(fixturePath(2))
    expect(await body.locator('a', {hasText: 'never'}).count()).toBe(0)
    expect(await body.innerText()).toContain('never')

    const image = body.locator('figure img')
    expect(await image.getAttribute('alt')).toBe('A calm green square')
    expect(await image.getAttribute('width')).toBe('1200')
    expect(await image.getAttribute('height')).toBe('800')
    expect(await image.getAttribute('loading')).toBe('lazy')
    expect(await image.getAttribute('sizes')).toBeTruthy()
    const srcset = (await image.getAttribute('srcset'))!
    expect(srcset.split(', ').map((candidate) => candidate.split(' ')[1])).toEqual(['320w', '480w', '640w', '800w', '960w', '1200w'])
    expect(await image.getAttribute('style')).toMatch(/background-image: ?url\("data:image\/jpeg;base64,/)
    expect(await body.locator('figcaption').textContent()).toBe('Green is calming.')
    // The image itself loads from the lake's image CDN, resized.
    await image.scrollIntoViewIfNeeded()
    await page.waitForFunction(() => (document.querySelector('figure img') as HTMLImageElement).complete)
    expect(await image.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0)
    expect(await image.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeLessThanOrEqual(1200)
  })
})

describe('WordPress addresses', () => {
  test('a wrong date, a missing slash, a legacy path and ?p= all move permanently to the canonical address', async () => {
    expect(await status(`/2011/01/16/${postSlug(1)}/`)).toEqual({status: 301, location: fixturePath(1)})
    expect((await status(fixturePath(1).slice(0, -1))).status).toBe(301)
    expect(await status('/2010/01/01/an-old-wordpress-name/')).toEqual({status: 301, location: fixturePath(2)})
    expect(await status('/?p=4242')).toEqual({status: 301, location: fixturePath(1)})
    expect((await status('/?p=999999')).status).toBe(404)
    expect((await status('/?p=abc')).status).toBe(404)
  })
})

describe('archives', () => {
  test('the home page shows ten excerpts and pages on at /page/2/', async () => {
    await page.goto(siteUrl)
    expect(await page.locator('main .post-summary').count()).toBe(10)
    expect(await page.locator('.pagination a[rel="next"]').getAttribute('href')).toBe('/page/2/')
    await page.goto(`${siteUrl}/page/2/`)
    expect(await page.locator('main .post-summary').count()).toBe(POST_COUNT + 1 - 10)
    expect(await page.locator('.pagination a[rel="prev"]').getAttribute('href')).toBe('/')
    expect(await page.locator('.pagination [aria-current="page"]').innerText()).toContain('2')
    expect(await status('/page/1/')).toEqual({status: 301, location: '/'})
    expect((await status('/page/3/')).status).toBe(404)
    expect((await status('/page/x/')).status).toBe(404)
  })

  test('category, tag and author archives, paginated', async () => {
    await page.goto(`${siteUrl}/category/${CATEGORY.slug}/`)
    expect(await page.locator('main h1').textContent()).toBe(`Category: ${CATEGORY.title}`)
    expect(await page.locator('main .post-summary h2 a').first().getAttribute('href')).toBe(fixturePath(12))
    expect(await page.locator('main .post-summary').count()).toBe(10)
    await page.goto(`${siteUrl}/category/${CATEGORY.slug}/page/2/`)
    expect(await page.locator('main .post-summary h2 a').evaluateAll((links) => links.map((a) => a.getAttribute('href')))).toEqual([
      fixturePath(2),
      fixturePath(1),
    ])

    await page.goto(`${siteUrl}/tag/sleep-hygiene/`)
    expect(await page.locator('main h1').textContent()).toBe('Tag: Sleep Hygiene')
    expect(await page.locator('main .post-summary h2 a').evaluateAll((links) => links.map((a) => a.getAttribute('href')))).toEqual([fixturePath(1)])

    await page.goto(`${siteUrl}/author/${AUTHOR.slug}/`)
    expect(await page.locator('main h1').textContent()).toBe(`Author: ${AUTHOR.name}`)
    expect(await page.locator('main .post-summary').count()).toBe(10)
    await page.goto(`${siteUrl}/author/jami-wilder/`)
    expect(await page.locator('main .post-summary h2 a').evaluateAll((links) => links.map((a) => a.getAttribute('href')))).toEqual([ORIGINAL])

    for (const path of ['/category/no-such-category/', '/tag/no-such-tag/', '/author/nobody/', `/category/${CATEGORY.slug}/page/3/`]) {
      expect((await status(path)).status, path).toBe(404)
    }
  })

  test('date archives by year, month and day, in the blog’s time zone', async () => {
    await page.goto(`${siteUrl}/2011/`)
    expect(await page.locator('main h1').textContent()).toBe('Year: 2011')
    expect(await page.locator('main .post-summary').count()).toBe(10)
    await page.goto(`${siteUrl}/2011/page/2/`)
    expect(await page.locator('main .post-summary').count()).toBe(2)
    await page.goto(`${siteUrl}/2011/03/`)
    expect(await page.locator('main h1').textContent()).toBe('Month: March 2011')
    expect(await page.locator('main .post-summary h2 a').evaluateAll((links) => links.map((a) => a.getAttribute('href')))).toEqual([fixturePath(3)])
    await page.goto(`${siteUrl}/2013/07/25/`)
    expect(await page.locator('main h1').textContent()).toBe('Day: July 25, 2013')
    expect(await page.locator('main .post-summary h2 a').evaluateAll((links) => links.map((a) => a.getAttribute('href')))).toEqual([ORIGINAL])
    for (const path of ['/2011/03/16/', '/2012/', '/2011/13/', '/2011/02/30/', '/201/']) {
      expect((await status(path)).status, path).toBe(404)
    }
  })

  test('search finds posts by words in their text, from the header form, also at WordPress’s /?s=', async () => {
    await page.goto(siteUrl)
    await page.locator('header input[name="q"]').fill('zebrafinch')
    await page.locator('header button[type="submit"]').click()
    await page.waitForURL(/\/search\/\?q=zebrafinch/)
    await page.locator('main h1', {hasText: 'Search Results for: zebrafinch'}).waitFor()
    expect(await page.locator('main .post-summary h2 a').evaluateAll((links) => links.map((a) => a.getAttribute('href')))).toEqual([fixturePath(1)])
    // Prefixes match ("surrog" finds "surrogacy"); results are not for search engines.
    await page.goto(`${siteUrl}/search/?q=surrog`)
    expect(await page.locator('main .post-summary h2 a').first().getAttribute('href')).toBe(ORIGINAL)
    expect(await page.locator('meta[name="robots"]').getAttribute('content')).toBe('noindex, follow')
    await page.goto(`${siteUrl}/search/?q=nothingmatchesthis`)
    expect(await page.locator('main .no-results').textContent()).toContain('nothing matched')
    expect(await status('/?s=zebrafinch')).toEqual({status: 301, location: '/search/?q=zebrafinch'})
  })
})
