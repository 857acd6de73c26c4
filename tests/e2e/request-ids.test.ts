import type {Browser} from 'playwright-core'
import {afterAll, beforeAll, expect, test} from 'vitest'
import {launchBrowser} from '../support/browser'
import {type SiteWithOwnLake, startSiteWithOwnLake} from '../support/site-with-own-lake'

// An operator follows one reader's comment from the site's log into the lake's by its request
// id; neither log holds what the reader wrote or who they are.

const ORIGINAL = '/2013/07/25/hold-on-we-dont-do-that-sex-therapy-v-sexual-surrogacy/'
let stack: SiteWithOwnLake
let browser: Browser

beforeAll(async () => {
  ;[stack, browser] = await Promise.all([startSiteWithOwnLake({COMMENT_MIN_FILL_SECONDS: '0', LOG_FORMAT: 'json'}), launchBrowser()])
}, 120_000)
afterAll(async () => {
  await browser?.close()
  await stack?.stop()
})

type LogLine = {time: string; level: number; requestId: string; method: string; path: string; status: number; ms: number}

/** The JSON request lines a process printed (its start-up lines are plain text). */
function requestLines(output: string): LogLine[] {
  return output.split('\n').flatMap((line) => {
    if (!line.startsWith('{')) return []
    const entry = JSON.parse(line) as LogLine & {msg?: string}
    return entry.msg === 'request' ? [entry] : []
  })
}

test('a comment’s POST and the lake mutation it caused share the request id, and no line holds the comment or its author', async () => {
  const requestId = 'trace-comment-0001'
  const words = 'Words that must stay out of the logs.'
  const context = await browser.newContext({javaScriptEnabled: false, extraHTTPHeaders: {'X-Request-Id': requestId}})
  const page = await context.newPage()
  await page.goto(`${stack.siteUrl}${ORIGINAL}?utm_source=secret-query`)
  const form = page.locator('#respond form')
  await form.getByRole('textbox', {name: /^Email \(required\)/}).fill('traced@example.com')
  await form.getByRole('textbox', {name: /^Name or pseudonym \(required\)/}).fill('Traced Reader')
  await form.getByRole('textbox', {name: 'Comment', exact: true}).fill(words)
  const [answer] = await Promise.all([
    page.waitForResponse((response) => response.request().method() === 'POST'),
    form.getByRole('button', {name: 'Post Comment'}).click(),
  ])
  expect(await answer.headerValue('x-request-id')).toBe(requestId)
  await page.locator('article.comment-body', {hasText: words}).waitFor({timeout: 20_000})
  await context.close()

  const siteLines = requestLines(stack.siteOutput())
  const post = siteLines.find((line) => line.requestId === requestId && line.method === 'POST')
  expect(post).toMatchObject({path: ORIGINAL, level: 30})
  expect(post!.status).toBeLessThan(400)
  expect(typeof post!.ms).toBe('number')
  expect(Number.isNaN(Date.parse(post!.time))).toBe(false)
  const lakeLines = requestLines(stack.lakeOutput())
  const mutation = lakeLines.find((line) => line.requestId === requestId && /\/data\/(mutate|actions)\/production$/.test(line.path))
  expect(mutation).toMatchObject({method: 'POST', status: 200})

  // A request without an id (or with an unsafe one) gets a fresh one, echoed.
  const fresh = await fetch(`${stack.siteUrl}/healthz`, {headers: {'X-Request-Id': 'bad id <script>'}})
  expect(fresh.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/)

  const everything = `${stack.siteOutput()}\n${stack.lakeOutput()}`
  for (const secret of [words, 'traced@example.com', 'Traced Reader', 'secret-query', stack.token]) {
    expect(everything).not.toContain(secret)
  }
}, 90_000)
