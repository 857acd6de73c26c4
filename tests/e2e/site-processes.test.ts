import {createHmac} from 'node:crypto'
import {createClient, type SanityClient} from '@sanity/client'
import type {Browser, Page} from 'playwright-core'
import {afterAll, beforeAll, expect, test} from 'vitest'
import {POST_ID} from '../../seed/life-in-balance'
import {launchBrowser} from '../support/browser'
import {type SitesBehindCaddy, startSitesBehindCaddy} from '../support/sites-behind-caddy'

// Two site processes behind a real Caddy that sends requests to them in turn: a reader, an
// editor and the lake's webhooks must not be able to tell that there are two.

const POST_PATH = '/2013/07/25/hold-on-we-dont-do-that-sex-therapy-v-sexual-surrogacy/'
const WEBHOOK_SECRET = 'a-webhook-secret-shared-by-both-sites'
const PER_NETWORK = 3

let sites: SitesBehindCaddy
let browser: Browser
let lake: SanityClient

beforeAll(async () => {
  ;[sites, browser] = await Promise.all([
    startSitesBehindCaddy(2, {
      COMMENT_MIN_FILL_SECONDS: '0',
      COMMENT_RATE_LIMIT_PER_NETWORK: String(PER_NETWORK),
      COMMENT_WEBHOOK_SECRET: WEBHOOK_SECRET,
    }),
    launchBrowser(),
  ])
  lake = createClient({
    projectId: 'local',
    dataset: 'production',
    apiVersion: '2025-02-19',
    apiHost: sites.lakeUrl,
    useProjectHostname: false,
    useCdn: false,
    token: sites.token,
  })
}, 120_000)

afterAll(async () => {
  await browser?.close()
  await sites?.stop()
})

/** Which site process answered each POST of a comment to the post, in order. */
function commentPostsBySite(): number[] {
  const answered = [0, 1].flatMap((site) =>
    sites.requestsAnswered(site).flatMap((request) => (request.method === 'POST' && request.path === POST_PATH ? [site] : [])),
  )
  return answered
}

async function postComment(page: Page, body: string, {saveDetails = false} = {}): Promise<void> {
  await page.goto(`${sites.url}${POST_PATH}`)
  const form = page.locator('#respond form')
  await form.getByRole('textbox', {name: /^Name or pseudonym \(required\)/}).fill('Robin')
  await form.getByRole('textbox', {name: /^Email \(required\)/}).fill('robin@example.com')
  await form.getByRole('textbox', {name: 'Comment', exact: true}).fill(body)
  if (saveDetails) await form.getByRole('checkbox', {name: /^Save my name, email, and website/}).check()
  await form.getByRole('button', {name: 'Post Comment'}).click()
  await page.waitForLoadState()
}

test('a reader’s comments count against one limit, are stored once, and their session works on either process', async () => {
  const context = await browser.newContext({javaScriptEnabled: false})
  // Documents only: each comment is then a page, a POST and a redirected page, three requests,
  // so Caddy's turns send the POSTs to the two processes in alternation.
  await context.route('**/*', (route) => (route.request().resourceType() === 'document' ? route.continue() : route.abort()))
  const page = await context.newPage()
  const run = Date.now().toString(36)
  const bodies = Array.from({length: PER_NETWORK + 1}, (_, index) => `Comment ${index + 1} of run ${run}.`)

  for (const [index, body] of bodies.slice(0, PER_NETWORK).entries()) {
    await postComment(page, body, {saveDetails: index === 0})
    await page.locator('article.comment-body', {hasText: body}).waitFor()
  }
  await postComment(page, bodies[PER_NETWORK]!)
  expect(await page.getByRole('alert').first().innerText()).toMatch(/You have posted several comments in a short time/)

  // Both processes took comments, and the one over the limit was refused all the same.
  const answeredBy = commentPostsBySite()
  expect(answeredBy).toHaveLength(PER_NETWORK + 1)
  expect(new Set(answeredBy)).toEqual(new Set([0, 1]))

  // Each comment that was taken is stored once; the refused one not at all.
  const stored = await lake.fetch<string[]>('*[_type == "comment" && body match $run].body', {run})
  expect(stored.toSorted()).toEqual(bodies.slice(0, PER_NETWORK).toSorted())

  // The session (saved details, the reader's own held comments) opens on each process alike.
  for (const siteUrl of sites.siteUrls) {
    await page.goto(`${siteUrl}${POST_PATH}`)
    expect(
      await page
        .locator('#respond form')
        .getByRole('textbox', {name: /^Name or pseudonym \(required\)/})
        .inputValue(),
    ).toBe('Robin')
    const own = page.locator('article.comment-body', {hasText: bodies[0]!})
    expect(await own.innerText()).toContain('Your comment is awaiting moderation.')
  }
  await context.close()
}, 90_000)

test('a change to a post is on the pages of both processes, whichever heard of it', async () => {
  const page = (siteUrl: string) => fetch(`${siteUrl}${POST_PATH}`).then((response) => response.text())
  // Each process has the page in its cache.
  for (const siteUrl of sites.siteUrls) {
    await page(siteUrl)
    await page(siteUrl)
  }
  const changed = `Retitled ${Date.now().toString(36)}`
  await lake.patch(POST_ID).set({title: changed}).commit()
  for (const siteUrl of sites.siteUrls) await expect.poll(() => page(siteUrl), {timeout: 10_000}).toContain(changed)
})

test('a webhook delivery handled by one process is answered as a duplicate by the other', async () => {
  const body = JSON.stringify({_id: POST_ID})
  const at = Date.now()
  const signature = `t=${at},v1=${createHmac('sha256', WEBHOOK_SECRET).update(`${at}.${body}`).digest('base64url')}`
  const deliver = (siteUrl: string) =>
    fetch(`${siteUrl}/hooks/post-published`, {
      method: 'POST',
      headers: {'content-type': 'application/json', 'sanity-webhook-signature': signature, 'idempotency-key': `processes-${at}`},
      body,
    })
  const [first, second] = sites.siteUrls
  const handled = await deliver(first!)
  expect(handled.status).toBe(200)
  expect(await handled.json()).not.toHaveProperty('duplicate')
  const replayed = await deliver(second!)
  expect(replayed.status).toBe(200)
  expect(await replayed.json()).toEqual({done: [], duplicate: true})
})
