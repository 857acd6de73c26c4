import fs from 'node:fs'
import https from 'node:https'
import path from 'node:path'
import type {Browser, BrowserContext, Page} from 'playwright-core'
import {afterAll, beforeAll, expect, inject, test} from 'vitest'
import {launchBrowser} from '../support/browser'

// The Studio as a newcomer uses it: served by the lake that `npm start` runs, reached over
// HTTPS with certificate checks on (the browser trusts the lake's local CA), signed in by the
// link `npm start` prints, with every request to another machine refused.
const siteUrl = inject('siteUrl')
const lakeUrl = inject('lakeUrl')
const studioUrl = inject('lakeHttpsUrl')
const dataDir = inject('dataDir')
const token = fs.readFileSync(path.join(dataDir, 'content-lake-token'), 'utf8').trim()
const ca = fs.readFileSync(path.join(dataDir, 'content-lake', 'tls', 'ca.pem'))
const ROOT = path.resolve(import.meta.dirname, '..', '..')
const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]'])
// A cold Studio loads a few megabytes of JavaScript and opens its event streams.
const SLOW = {timeout: 60_000}

const title = `Made in Studio ${Date.now()}`

let browser: Browser
let context: BrowserContext
let page: Page

beforeAll(async () => {
  browser = await launchBrowser({trustCa: path.join(dataDir, 'content-lake', 'tls', 'ca.pem')})
  context = await browser.newContext({viewport: {width: 1440, height: 900}})
  // Studio's page names a few hosted helpers (a bridge script, fonts, a version check) that it
  // does without: refusing them keeps the test off the network, as an offline machine is.
  await context.route('**/*', (route) =>
    LOCAL_HOSTS.has(new URL(route.request().url()).hostname) ? route.continue() : route.abort('blockedbyclient'),
  )
  page = await context.newPage()
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

afterAll(async () => {
  await browser?.close()
  // The other end-to-end tests share this stack and expect the original post to be the newest.
  const {result: ids} = (await lake(
    `/data/query/production?query=${encodeURIComponent('*[_type == "post" && title == $title]._id')}&$title=${encodeURIComponent(JSON.stringify(title))}&perspective=raw`,
  )) as {result: string[]}
  if (ids.length > 0) {
    await lake('/data/mutate/production', {method: 'POST', body: JSON.stringify({mutations: ids.map((id) => ({delete: {id}}))})})
  }
  expect(await fetch(siteUrl).then((response) => response.text())).not.toContain(title)
})

async function screenshotOnFailure<T>(name: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run()
  } catch (error) {
    fs.mkdirSync(path.join(ROOT, 'test-results'), {recursive: true})
    await page.screenshot({path: path.join(ROOT, 'test-results', `studio-${name}.png`)}).catch(() => {})
    throw error
  }
}

interface Answer {
  status: number
  headers: Record<string, string | string[] | undefined>
  body: string
}

/** A GET over HTTPS that trusts the lake's CA, as the browser does (Node's built-in fetch takes no CA of its own). */
function get(pathname: string, accept = '*/*'): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const request = https.get(`${studioUrl}${pathname}`, {ca, headers: {accept}}, (response) => {
      let body = ''
      response.setEncoding('utf8')
      response.on('data', (chunk: string) => (body += chunk))
      response.on('end', () => resolve({status: response.statusCode ?? 0, headers: response.headers, body}))
    })
    request.on('error', reject)
  })
}

test('the lake serves the Studio: hashed bundles cached for good, index.html revalidated, an SPA fallback, API first', async () => {
  const home = await get('/')
  expect(home.status).toBe(200)
  expect(home.headers['content-type']).toBe('text/html; charset=utf-8')
  expect(home.headers['cache-control']).toBe('no-cache')
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

test('the sign-in link opens the Studio with the seeded post; a post created and published there reaches the site', async () => {
  await screenshotOnFailure('post-list', async () => {
    await page.goto(`${studioUrl}/#token=${token}`)
    await page.getByRole('link', {name: 'Post', exact: true}).first().click(SLOW)
    await expect.poll(() => page.getByText('Hold On. We Don’t Do That', {exact: false}).count(), SLOW).toBeGreaterThan(0)
  })

  await screenshotOnFailure('create-post', async () => {
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
    await page.getByRole('button', {name: /Dr\. Jami Wilder/}).first().click({timeout: 20_000})
    const body = page.locator('[data-testid="field-body"] [contenteditable="true"]').first()
    await body.click()
    await body.pressSequentially('Written in the Studio, published to the site.', {delay: 10})
  })

  await screenshotOnFailure('publish', async () => {
    const publish = page.getByRole('button', {name: 'Publish', exact: true})
    await expect.poll(() => publish.isEnabled(), SLOW).toBe(true)
    await publish.click()
    await expect.poll(async () => (await fetch(siteUrl).then((response) => response.text())).includes(title), SLOW).toBe(true)
  })
}, 240_000)
