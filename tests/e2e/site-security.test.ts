import type {Browser, Page} from 'playwright-core'
import sharp from 'sharp'
import {setCommentStatus} from '~/sanity/comments.server'
import {afterAll, beforeAll, describe, expect, inject, test} from 'vitest'
import {launchBrowser} from '../support/browser'
import {removeFixturePosts} from '../support/fixture-cleanup'
import {lakeClient} from '../support/site-content'

// The site's front door against the stack `npm start` runs: browser protections on every kind
// of answer, a Content-Security-Policy Chromium finds nothing to block under, and 4xx (never
// a 500 or a stack trace) for bad input.

const siteUrl = inject('siteUrl')
const lake = lakeClient(inject('lakeUrl'), inject('dataDir'))
const ORIGINAL = '/2013/07/25/hold-on-we-dont-do-that-sex-therapy-v-sexual-surrogacy/'

const run = Date.now().toString(36)
const POST = {_id: `e2e-security-post-${run}`, slug: `e2e-security-${run}`, title: 'On boundaries'}
const POST_PATH = `/2012/02/14/${POST.slug}/`

let browser: Browser
let imageAssetId: string
beforeAll(async () => {
  browser = await launchBrowser()
  // A main image, shown with its blurred placeholder (a style attribute) while it loads.
  const png = await sharp({create: {width: 900, height: 600, channels: 3, background: {r: 120, g: 110, b: 160}}})
    .png()
    .toBuffer()
  imageAssetId = (await lake.assets.upload('image', png, {filename: `e2e-security-${run}.png`}))._id
  await lake
    .transaction()
    .createOrReplace({
      _id: POST._id,
      _type: 'post',
      title: POST.title,
      slug: {_type: 'slug', current: POST.slug},
      publishedAt: '2012-02-14T12:00:00Z',
      mainImage: {_type: 'image', asset: {_type: 'reference', _ref: imageAssetId}, alt: 'A lilac square'},
    })
    .commit({visibility: 'sync'})
})
afterAll(async () => {
  await browser?.close()
  await removeFixturePosts(lake, [POST._id])
  await lake.delete(imageAssetId)
})

const nonceInPolicy = (response: Response) => /'nonce-([^']+)'/.exec(response.headers.get('content-security-policy') ?? '')?.[1]

function expectProtected(response: Response, what: string): void {
  const policy = response.headers.get('content-security-policy') ?? ''
  expect(policy, what).toMatch(/(^|; )script-src 'self' 'nonce-[^']+'(;|$)/)
  expect(policy, what).toContain("frame-ancestors 'none'")
  expect(response.headers.get('x-frame-options'), what).toBe('DENY')
  expect(response.headers.get('x-content-type-options'), what).toBe('nosniff')
  expect(response.headers.get('referrer-policy'), what).toBe('strict-origin-when-cross-origin')
  expect(response.headers.get('permissions-policy'), what).toContain('camera=()')
  // The stack's SITE_URL is http: asking browsers for https would lock readers out.
  expect(response.headers.get('strict-transport-security'), what).toBeNull()
}

describe('browser protections on every kind of answer', () => {
  test('a page, the same page from the page cache, and a 304 carry the nonce the page’s scripts carry', async () => {
    const scriptsCarryItsNonce = async (page: Response) => {
      expect(page.status).toBe(200)
      expectProtected(page, 'page')
      const scripts = [...(await page.text()).matchAll(/<script(?![^>]*type="application\/ld\+json")[^>]*>/g)].map(([tag]) => tag)
      expect(scripts.length).toBeGreaterThan(0)
      for (const tag of scripts) expect(tag).toContain(`nonce="${nonceInPolicy(page)}"`)
    }
    const rendered = await fetch(`${siteUrl}${ORIGINAL}`)
    await scriptsCarryItsNonce(rendered)
    // The page cache keeps nothing for a few seconds after a change (this file's post was one):
    // read until it answers from memory, which is the page as it was rendered, nonce and all.
    let previous = rendered
    let cached: Response | undefined
    await expect
      .poll(
        async () => {
          const next = await fetch(`${siteUrl}${ORIGINAL}`)
          await scriptsCarryItsNonce(next.clone())
          if (nonceInPolicy(next) === nonceInPolicy(previous)) cached = next
          previous = next
          return cached !== undefined
        },
        {timeout: 15_000, interval: 500},
      )
      .toBe(true)

    const notModified = await fetch(`${siteUrl}${ORIGINAL}`, {headers: {'if-none-match': cached!.headers.get('etag')!}})
    expect(notModified.status).toBe(304)
    expectProtected(notModified, '304')
    // A browser keeps its copy and takes the 304's headers: they must name that copy's nonce.
    expect(nonceInPolicy(notModified)).toBe(nonceInPolicy(cached!))
  })

  test('static files, feeds, 404s, redirects and refusals', async () => {
    const html = await (await fetch(`${siteUrl}${ORIGINAL}`)).text()
    const stylesheet = /href="(\/build\/[^"]+\.css)"/.exec(html)![1]!
    const answers: [string, Response, number][] = [
      ['favicon', await fetch(`${siteUrl}/favicon.svg`), 200],
      ['compiled stylesheet', await fetch(`${siteUrl}${stylesheet}`), 200],
      ['feed', await fetch(`${siteUrl}/feed/`), 200],
      ['404', await fetch(`${siteUrl}/no/such/page/`), 404],
      ['redirect', await fetch(`${siteUrl}${ORIGINAL.slice(0, -1)}`, {redirect: 'manual'}), 301],
      ['413', await fetch(`${siteUrl}/privacy/comments/`, {method: 'POST', body: new URLSearchParams({email: 'x'.repeat(20_000)})}), 413],
    ]
    for (const [what, response, status] of answers) {
      expect(response.status, what).toBe(status)
      expectProtected(response, what)
    }
  })

  test('a route’s own Referrer-Policy replaces the default (an emailed link’s page keeps its address to itself)', async () => {
    const preview = await fetch(`${siteUrl}/preview/not-a-token/`)
    expect(preview.status).toBe(404)
    expect(preview.headers.get('referrer-policy')).toBe('same-origin')
  })
})

describe('bad input gets a short 4xx, never a 500 or a stack trace', () => {
  const post = (path: string, init: RequestInit) => fetch(`${siteUrl}${path}`, {method: 'POST', ...init})
  const cases: [string, () => Promise<Response>, number][] = [
    ['a form posted from another site', () => post(POST_PATH, {headers: {origin: 'https://evil.example'}, body: new URLSearchParams({body: 'hi'})}), 403],
    ['a log-in posted from another site', () => post('/auth/github', {headers: {origin: 'https://evil.example'}, body: new URLSearchParams({})}), 403],
    ['JSON to the comment form', () => post(POST_PATH, {headers: {'content-type': 'application/json'}, body: '{"body":"hi"}'}), 415],
    ['a garbled multipart form', () => post(POST_PATH, {headers: {'content-type': 'multipart/form-data; boundary=x'}, body: 'garbage'}), 400],
    ['a malformed % in the path', () => fetch(`${siteUrl}/2013/%E0%A4%A/`), 400],
    ['a malformed % in the search query', () => fetch(`${siteUrl}/search/?q=%E0%A4%A`), 400],
  ]
  test.each(cases)('%s', async (_what, send, status) => {
    const response = await send()
    expect(response.status).toBe(status)
    const body = await response.text()
    expect(body).not.toMatch(/\n\s+at /)
    expectProtected(response, _what)
  })

  test('a comment far over the limit: 413, with the post page saying so and a fresh form', async () => {
    const response = await post(POST_PATH, {body: new URLSearchParams({body: 'x'.repeat(100_000)})})
    expect(response.status).toBe(413)
    expect(response.headers.get('connection')).toBe('close')
    const html = await response.text()
    expect(html).toContain('This comment is far too long to post.')
    expect(html).toContain('id="respond"')
  })

  test('a garbled or huge cookie is a reader without a session, or 431; never a 500', async () => {
    const garbled = await fetch(`${siteUrl}${POST_PATH}`, {headers: {cookie: '__session=%E0%A4%A; other=%%%'}})
    expect(garbled.status).toBe(200)
    const huge = await fetch(`${siteUrl}${POST_PATH}`, {headers: {cookie: `__session=${'a'.repeat(20_000)}`}})
    expect(huge.status).toBe(431)
  })
})

describe('Chromium blocks nothing on the site’s pages (no Content-Security-Policy violations)', () => {
  async function watchedPage(): Promise<{page: Page; violations: string[]}> {
    const context = await browser.newContext()
    const violations: string[] = []
    // Chromium reports a blocked script, style or image as an event and on the console.
    await context.exposeFunction('reportViolation', (text: string) => violations.push(text))
    await context.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (event) => {
        ;(window as unknown as {reportViolation(text: string): void}).reportViolation(`${event.violatedDirective} ${event.blockedURI}`)
      })
    })
    const page = await context.newPage()
    page.on('console', (message) => {
      if (/Content.Security.Policy/i.test(message.text())) violations.push(message.text())
    })
    return {page, violations}
  }

  test('a post page: its main image and blurred placeholder load from the lake, the page hydrates', async () => {
    const {page, violations} = await watchedPage()
    await page.goto(`${siteUrl}${POST_PATH}`)
    const image = page.getByRole('img', {name: 'A lilac square'})
    expect(await image.getAttribute('style')).toMatch(/background-image:url\("data:image/)
    await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true)
    // The page's scripts ran: Remix's router is up.
    await page.waitForFunction(() => '__remixRouter' in window)
    expect(violations).toEqual([])
    await page.context().close()
  })

  test('posting a comment and opening the reply form under it', async () => {
    const {page, violations} = await watchedPage()
    await page.goto(`${siteUrl}${POST_PATH}`)
    await page.waitForFunction(() => '__remixRouter' in window)
    const form = page.locator('#respond form')
    await form.getByRole('textbox', {name: /^Name or pseudonym \(required\)/}).fill(`Ada ${run}`)
    await form.getByRole('textbox', {name: /^Email \(required\)/}).fill(`ada-${run}@example.com`)
    await form.getByRole('textbox', {name: 'Comment', exact: true}).fill(`Policies and people (${run}).`)
    // People take longer than this to write; the site holds anything faster.
    await page.waitForTimeout(3_100)
    await form.getByRole('button', {name: 'Post Comment'}).click()
    const posted = page.locator('article.comment-body', {hasText: `(${run})`})
    await posted.waitFor()
    const id = (await posted.getAttribute('id'))!
    await setCommentStatus(lake, id, 'approved', {who: {kind: 'site', task: 'e2e'}})

    await expect
      .poll(
        async () => {
          await page.goto(`${siteUrl}${POST_PATH}`)
          return page.getByRole('link', {name: `Reply to Ada ${run}`}).count()
        },
        {timeout: 15_000},
      )
      .toBe(1)
    await page.waitForFunction(() => '__remixRouter' in window)
    await page.getByRole('link', {name: `Reply to Ada ${run}`}).click()
    await page.locator(`li:has(> [id="${id}"]) > .comment-respond`).waitFor()
    // Opened by the page's script, in place: no reload to ?replytocom=.
    expect(new URL(page.url()).search).toBe('')
    expect(violations).toEqual([])
    await page.context().close()
  })
})
