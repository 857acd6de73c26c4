import {execFile} from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {promisify} from 'node:util'
import type {Browser, Page} from 'playwright-core'
import {afterAll, beforeAll, expect, test} from 'vitest'
import {launchBrowser} from '../support/browser'
import {type RunningStack, startStack} from '../support/stack'

const ROOT = path.resolve(import.meta.dirname, '..', '..')
const FIXTURES = path.join(ROOT, 'importer', 'wordpress', 'fixtures')
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wordpress-import-e2e-'))

let stack: RunningStack
let browser: Browser
let page: Page
let importOutput: string

// A stack of its own: the import adds a blog's worth of posts that other tests don't expect.
beforeAll(async () => {
  stack = await startStack(dataDir)
  // The README's command, against the local lake npm start runs (its token and secret are kept in DATA_DIR).
  const {stdout} = await promisify(execFile)(
    'npm',
    ['run', '--silent', 'import:wordpress', '--', path.join(FIXTURES, 'practice.wordpress.xml'), '--media', path.join(FIXTURES, 'uploads'), '--no-download'],
    {cwd: ROOT, env: {...process.env, DATA_DIR: dataDir, CONTENT_LAKE_URL: stack.lakeUrl}},
  )
  importOutput = stdout
  browser = await launchBrowser()
  page = await browser.newPage()
}, 180_000)

afterAll(async () => {
  await browser?.close()
  await stack?.stop()
  fs.rmSync(dataDir, {recursive: true, force: true})
})

test('the import reports what it did', () => {
  expect(importOutput).toContain('post: 1 draft, 1 private, 2 published, 1 scheduled, 1 trash (skipped)')
  expect(importOutput).toContain('comment: 4 approved, 1 held, 1 pingback (skipped), 1 spam, 1 trackback (skipped), 1 trash')
})

test('an old permalink with a comment anchor lands on the post, at that comment, in its thread', async () => {
  const response = await page.goto(`${stack.siteUrl}/2015/03/first-steps/#comment-104`)
  expect(response?.status()).toBe(200)
  expect(page.url()).toBe(`${stack.siteUrl}/2015/03/14/first-steps/#comment-104`)
  expect(await page.locator('article.post h1').textContent()).toBe('First Steps: When Worry “Takes Over” & What Helps')
  const target = page.locator('#comment-104')
  await expect.poll(() => target.isVisible()).toBe(true)
  expect(await target.innerText()).toContain('Fourth level: ask away.')
  // Four levels deep: 104 answers 103, which answers 102, which answers 101.
  expect(await page.locator('li:has(> #comment-101) li:has(> #comment-102) li:has(> #comment-103) #comment-104').count()).toBe(1)
  expect(await page.locator('li.bypostauthor:has(> #comment-104)').count()).toBe(1)
  // Held, spam and trashed comments are not shown.
  for (const id of ['comment-105', 'comment-106', 'comment-107']) expect(await page.locator(`#${id}`).count(), id).toBe(0)
})

test('?p=, old slugs, attachment pages, amp and comment pages move to the post with a 301', async () => {
  const post = '/2015/03/14/first-steps/'
  const moves: [string, string][] = [
    ['/?p=10', post],
    ['/2015/03/worry-first-steps/', post],
    ['/2015/03/first-steps/couch/', post],
    ['/?attachment_id=21', post],
    ['/2015/03/first-steps/amp/', post],
    ['/2015/03/14/first-steps/amp/', post],
    ['/2015/03/first-steps/comment-page-2/', `${post}?cpage=2#comments`],
    ['/2015/03/first-steps/feed/', `${post}feed/`],
    ['/?page_id=31', '/about/team/'],
    ['/?feed=rss2', '/feed/'],
  ]
  for (const [from, to] of moves) {
    const response = await fetch(`${stack.siteUrl}${from}`, {redirect: 'manual'})
    expect([from, response.status, response.headers.get('location')]).toEqual([from, 301, to])
  }
  for (const gone of ['/2015/03/no-such-post/', '/?p=999', '/about/nobody/', '/2015/03/no-such-post/amp/']) {
    expect([gone, (await fetch(`${stack.siteUrl}${gone}`, {redirect: 'manual'})).status]).toEqual([gone, 404])
  }
})

test('pages render at their WordPress addresses, nested too; block content renders', async () => {
  expect((await page.goto(`${stack.siteUrl}/about/team/`))?.status()).toBe(200)
  expect(await page.locator('article h1').textContent()).toBe('Our team')
  expect(await page.locator('article .post-body').innerText()).toContain('Sam and friends.')
  expect((await page.goto(`${stack.siteUrl}/2016/01/blocks-tour/`))?.url()).toBe(`${stack.siteUrl}/2016/01/05/blocks-tour/`)
  const body = page.locator('article .post-body')
  expect(await body.locator('table td').allTextContents()).toEqual(['Session', 'Fee', '50 min', '$120'])
  expect(await body.locator('pre code').first().textContent()).toBe('breathe(in: 4, out: 6)\n  hold()')
  expect(await body.locator('.body-embed a').getAttribute('href')).toBe('https://twitter.com/someone/status/1234567890')
  expect(await body.locator('.body-gallery img').count()).toBe(2)
  expect(await body.locator('hr').count()).toBe(1)
})
