import fs from 'node:fs'
import https from 'node:https'
import path from 'node:path'
import type {Page} from 'playwright-core'
import {afterAll, beforeAll, expect, inject, test} from 'vitest'
import {halvesPng, near, pixel, RED} from '../../content-lake/test/images'
import {POST_ID} from '../../seed/life-in-balance'
import {openStudioSession, type StudioSession} from '../support/studio-session'

// The Studio as a newcomer uses it: served by the lake that `npm start` runs, reached over
// HTTPS with certificate checks on (the browser trusts the lake's local CA), signed in by the
// link `npm start` prints. Every request the browser makes is recorded: none may leave the machine.
const siteUrl = inject('siteUrl')
const lakeUrl = inject('lakeUrl')
const studioUrl = inject('lakeHttpsUrl')
const dataDir = inject('dataDir')
const token = fs.readFileSync(path.join(dataDir, 'content-lake-token'), 'utf8').trim()
const caPath = path.join(dataDir, 'content-lake', 'tls', 'ca.pem')
const ca = fs.readFileSync(caPath)
// A cold Studio loads a few megabytes of JavaScript and opens its event streams.
const SLOW = {timeout: 60_000}
// "Within a few seconds" of publishing, the site shows the change.
const FEW_SECONDS = {timeout: 10_000, interval: 250}

const ORIGINAL_PATH = '/2013/07/25/hold-on-we-dont-do-that-sex-therapy-v-sexual-surrogacy/'

const title = `Made in Studio ${Date.now()}`
const imageAlt = `Two coloured halves, red and blue ${Date.now()}`
const editedTitle = `Hold On, edited in Studio ${Date.now()}`

let session: StudioSession
let page: Page
let originalPost: Record<string, unknown>

beforeAll(async () => {
  session = await openStudioSession({caPath, screenshotPrefix: 'studio'})
  page = session.page
  originalPost = await getDocument(POST_ID)
})

/** The lake's API over plain HTTP, as the administrator. */
async function lake(pathname: string, init: RequestInit = {}): Promise<unknown> {
  const response = await fetch(`${lakeUrl}/v2025-02-19${pathname}`, {
    ...init,
    headers: {authorization: `Bearer ${token}`, 'content-type': 'application/json'},
  })
  if (!response.ok) throw new Error(`${pathname}: ${response.status} ${await response.text()}`)
  return response.json()
}

/** A published document as stored, read as the administrator. */
async function getDocument(id: string): Promise<Record<string, unknown>> {
  const {documents} = (await lake(`/data/doc/production/${id}`)) as {documents: Array<Record<string, unknown>>}
  if (!documents[0]) throw new Error(`${id} is not in the lake`)
  return documents[0]
}

afterAll(async () => {
  await session?.close()
  // The other end-to-end tests share this stack: they expect the original post as seeded and
  // as the newest post, so the post made here goes and the original title comes back.
  const {result: ids} = (await lake(
    `/data/query/production?query=${encodeURIComponent('*[_type == "post" && title == $title]._id')}&$title=${encodeURIComponent(JSON.stringify(title))}&perspective=raw`,
  )) as {result: string[]}
  const {_rev, _updatedAt, ...original} = originalPost
  await lake('/data/mutate/production', {
    method: 'POST',
    body: JSON.stringify({
      mutations: [...ids.map((id) => ({delete: {id}})), {delete: {id: `drafts.${POST_ID}`}}, {createOrReplace: original}],
    }),
  })
  expect(await fetch(siteUrl).then((response) => response.text())).not.toContain(title)
})

interface Answer {
  status: number
  headers: Record<string, string | string[] | undefined>
  body: string
  bytes: Buffer
}

/**
 * A GET over HTTPS that trusts the lake's CA, as the browser does (Node's built-in fetch takes
 * no CA of its own): a path on the Studio's origin, or a full address there.
 */
function get(pathOrUrl: string, accept = '*/*'): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const request = https.get(new URL(pathOrUrl, studioUrl), {ca, headers: {accept}}, (response) => {
      const chunks: Buffer[] = []
      response.on('data', (chunk: Buffer) => chunks.push(chunk))
      response.on('end', () => {
        const bytes = Buffer.concat(chunks)
        resolve({status: response.statusCode ?? 0, headers: response.headers, body: bytes.toString('utf8'), bytes})
      })
    })
    request.on('error', reject)
  })
}

test('the lake serves the Studio: hashed bundles cached for good, index.html revalidated, an SPA fallback, API first', async () => {
  const home = await get('/')
  expect(home.status).toBe(200)
  expect(home.headers['content-type']).toBe('text/html; charset=utf-8')
  expect(home.headers['cache-control']).toBe('no-cache')
  // The page may reach the lake only: its own origin, and the lake under its project hostname for
  // the App SDK inside Studio (see content-lake/src/http/studio-static.ts, decision 0228).
  expect(home.headers['content-security-policy']).toContain(`connect-src 'self' https://local.${new URL(studioUrl).host};`)
  const bundle = /src="(\/static\/[^"]+\.js)"/.exec(home.body)?.[1]
  expect(bundle).toBeDefined()
  const script = await get(bundle!)
  expect(script.headers['content-type']).toBe('text/javascript; charset=utf-8')
  expect(script.headers['cache-control']).toContain('immutable')
  // Studio's own addresses load the page; the API's stay the API's, even when unknown.
  const deepLink = await get('/structure/post', 'text/html')
  expect(deepLink.status).toBe(200)
  expect(deepLink.body).toBe(home.body)
  const unknownEndpoint = await get('/v2025-02-19/no-such-endpoint', 'text/html')
  expect(unknownEndpoint.status).toBe(404)
  expect(unknownEndpoint.headers['content-type']).toContain('application/json')
  expect((await get('/ping')).body).toBe('PONG')
  // The build's stamp and other hidden files are not served.
  expect((await get('/.inputs-hash')).status).toBe(404)
})

/** Whether the site's page at `pathname` (as an anonymous reader gets it) contains `text`. */
async function siteShows(pathname: string, text: string): Promise<boolean> {
  return (await fetch(`${siteUrl}${pathname}`).then((response) => response.text())).includes(text)
}

test('the sign-in link opens the Studio with the seeded post; a post created there with an uploaded image reaches the site, image and all', async () => {
  await session.step('post-list', async () => {
    await page.goto(`${studioUrl}/#token=${token}`)
    await page.getByRole('link', {name: 'Post', exact: true}).first().click(SLOW)
    await expect.poll(() => page.getByText('Hold On. We Don’t Do That', {exact: false}).count(), SLOW).toBeGreaterThan(0)
  })

  await session.step('create-post', async () => {
    await page.goto(`${studioUrl}/intent/create/type=post/`)
    const titleInput = page.getByRole('textbox', {name: 'Title'})
    await titleInput.fill(title, SLOW)
    await page.getByRole('button', {name: 'Generate'}).click()
    await expect.poll(() => page.getByRole('textbox', {name: 'Address'}).inputValue()).toMatch(/^made-in-studio-\d+$/)
    const published = page.locator('[data-testid="field-publishedAt"] input').first()
    await published.fill('2025-02-04 09:00')
    await published.press('Enter')
    await published.blur()
    const author = page.getByPlaceholder('Type to search').first()
    await author.click()
    await author.pressSequentially('Jami', {delay: 50})
    await page
      .getByRole('button', {name: /Dr\. Jami Wilder/})
      .first()
      .click({timeout: 20_000})
  })

  await session.step('upload-image', async () => {
    // The image field's own file picker, as choosing a file from disk uses it.
    await page
      .locator('[id="mainImage"] [data-testid="file-button-input"]')
      .setInputFiles({name: 'red-and-blue.png', mimeType: 'image/png', buffer: await halvesPng(640, 360)})
    await page.getByRole('textbox', {name: 'Description for screen readers'}).fill(imageAlt, SLOW)
    // Studio shows the picture back from the lake's image service once the upload is stored.
    await expect.poll(() => page.locator('[id="mainImage"] img').count(), SLOW).toBeGreaterThan(0)
  })

  await session.step('write-body', async () => {
    const body = page.locator('[data-testid="field-body"] [contenteditable="true"]').first()
    await body.click()
    await body.pressSequentially('Written in the Studio, published to the site.', {delay: 10})
  })

  await session.step('publish', async () => {
    const publish = page.getByRole('button', {name: 'Publish', exact: true})
    await expect.poll(() => publish.isEnabled(), SLOW).toBe(true)
    // Saved as a draft so far, which readers never see.
    expect(await siteShows('/', title)).toBe(false)
    await publish.click()
    // Polled from outside the browser, so that the Studio tab stays open while it publishes.
    await expect.poll(() => siteShows('/', title), FEW_SECONDS).toBe(true)
    // Then read as a reader: from the home page's link to the post's own page.
    await page.goto(siteUrl)
    await page.getByRole('link', {name: title}).first().click()
    await page.waitForURL(/\/2025\/02\/04\/made-in-studio-\d+\/$/)
    expect(await page.locator('article h1').textContent()).toBe(title)
  })

  await session.step('image-on-site', async () => {
    // The page shares the uploaded picture, described by the text typed in Studio, and the
    // picture it names is served: the PNG's own red-and-blue halves, from the lake's image service.
    expect(await page.locator('meta[property="og:image:alt"]').getAttribute('content')).toBe(imageAlt)
    const imageUrl = await page.locator('meta[property="og:image"]').getAttribute('content')
    const image = await get(imageUrl!, 'image/*')
    expect(image.headers['content-type']).toMatch(/^image\//)
    expect(near(await pixel(image.bytes, 5, 5), RED)).toBe(true)
    // And the post shows it, under its alt text, loaded.
    const shown = page.locator('article.post .post-main-image img')
    expect(await shown.getAttribute('alt')).toBe(imageAlt)
    await expect.poll(() => shown.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0), SLOW).toBe(true)
  })
}, 240_000)

test('editing the original post’s title in Studio and publishing shows on the site within seconds', async () => {
  await session.step('open-original', async () => {
    // The site has served (and may keep) the post's page with its original title.
    expect(await siteShows(ORIGINAL_PATH, 'Hold On. We Don’t Do That')).toBe(true)
    await page.goto(`${studioUrl}/structure/post;${POST_ID}`)
    const titleInput = page.getByRole('textbox', {name: 'Title'})
    await expect.poll(() => titleInput.inputValue(), SLOW).toBe(originalPost.title)
    await titleInput.fill(editedTitle)
  })

  await session.step('publish-edit', async () => {
    const publish = page.getByRole('button', {name: 'Publish', exact: true})
    await expect.poll(() => publish.isEnabled(), SLOW).toBe(true)
    await publish.click()
    // No restart, no purge: the post's own address shows the new title within a few seconds.
    await expect.poll(() => siteShows(ORIGINAL_PATH, editedTitle), FEW_SECONDS).toBe(true)
    await page.goto(`${siteUrl}${ORIGINAL_PATH}`)
    expect(await page.locator('article.post h1').textContent()).toBe(editedTitle)
  })
}, 120_000)

test('nothing the browser did in these tests left the machine', () => {
  // Sanity's page and bundle name outside hosts (a bridge script, web fonts, a version check,
  // a feedback probe); the Studio's page policy must have stopped each inside the browser.
  expect(session.escaped).toEqual([])
  expect(session.notRefusedByPage()).toEqual([])
})
