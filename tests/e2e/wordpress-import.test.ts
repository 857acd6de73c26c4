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

/**
 * A second export from the same blog: a post with 55 one-comment threads (the site shows 50
 * comments a page, so the last five are on page 2) and pages nested four levels deep.
 */
function busyExport(): string {
  const comments = Array.from({length: 55}, (_, n) => {
    const id = 1001 + n
    const time = `2017-05-05 ${String(10 + Math.floor(n / 60)).padStart(2, '0')}:${String(n % 60).padStart(2, '0')}:00`
    return `<wp:comment><wp:comment_id>${id}</wp:comment_id><wp:comment_author><![CDATA[Reader ${id}]]></wp:comment_author><wp:comment_author_email><![CDATA[reader${id}@example.com]]></wp:comment_author_email><wp:comment_author_url></wp:comment_author_url><wp:comment_author_IP><![CDATA[198.51.100.7]]></wp:comment_author_IP><wp:comment_date><![CDATA[${time}]]></wp:comment_date><wp:comment_date_gmt><![CDATA[${time}]]></wp:comment_date_gmt><wp:comment_content><![CDATA[Voice number ${id}.]]></wp:comment_content><wp:comment_approved><![CDATA[1]]></wp:comment_approved><wp:comment_type><![CDATA[comment]]></wp:comment_type><wp:comment_parent>0</wp:comment_parent><wp:comment_user_id>0</wp:comment_user_id></wp:comment>`
  })
  const item = (id: number, type: 'post' | 'page', slug: string, title: string, link: string, parent: number, content: string) =>
    `<item><title>${title}</title><link>https://practice.example${link}</link><dc:creator><![CDATA[sam]]></dc:creator><guid isPermaLink="false">https://practice.example/?p=${id}</guid><content:encoded><![CDATA[${content}]]></content:encoded><excerpt:encoded><![CDATA[]]></excerpt:encoded><wp:post_id>${id}</wp:post_id><wp:post_date><![CDATA[2017-05-04 09:00:00]]></wp:post_date><wp:post_date_gmt><![CDATA[2017-05-04 13:00:00]]></wp:post_date_gmt><wp:comment_status><![CDATA[open]]></wp:comment_status><wp:post_name><![CDATA[${slug}]]></wp:post_name><wp:status><![CDATA[publish]]></wp:status><wp:post_parent>${parent}</wp:post_parent><wp:post_type><![CDATA[${type}]]></wp:post_type><wp:is_sticky>0</wp:is_sticky>${type === 'post' ? comments.join('') : ''}</item>`
  return `<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel><title>Calm Harbor &amp; Co.</title><link>https://practice.example</link><description>Notes from a counselling practice</description>
<wp:wxr_version>1.2</wp:wxr_version><wp:base_site_url>https://practice.example</wp:base_site_url><wp:base_blog_url>https://practice.example</wp:base_blog_url>
${item(500, 'post', 'many-voices', 'Many voices', '/2017/05/many-voices/', 0, 'Fifty-five readers answered.')}
${item(600, 'page', 'rooms', 'Our rooms', '/about/team/rooms/', 31, 'Two rooms.')}
${item(601, 'page', 'quiet-room', 'The quiet room', '/about/team/rooms/quiet-room/', 600, 'No clocks, soft light.')}
</channel></rss>
`
}

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
  const busy = path.join(dataDir, 'busy.wordpress.xml')
  fs.writeFileSync(busy, busyExport())
  await promisify(execFile)('npm', ['run', '--silent', 'import:wordpress', '--', busy, '--no-download'], {
    cwd: ROOT,
    env: {...process.env, DATA_DIR: dataDir, CONTENT_LAKE_URL: stack.lakeUrl},
  })
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
    // No fragment of its own: the browser keeps the old link's (`#comments`, `#comment-123`).
    ['/2015/03/first-steps/comment-page-2/', `${post}?cpage=2`],
    ['/2015/03/first-steps/feed/', `${post}feed/`],
    ['/?page_id=31', '/about/team/'],
    ['/?feed=rss2', '/feed/'],
    // WordPress's address of a subcategory, under its parent's.
    ['/category/anxiety/sleep/', '/category/sleep/'],
  ]
  for (const [from, to] of moves) {
    const response = await fetch(`${stack.siteUrl}${from}`, {redirect: 'manual'})
    expect([from, response.status, response.headers.get('location')]).toEqual([from, 301, to])
  }
  for (const gone of [
    '/2015/03/no-such-post/',
    '/?p=999',
    '/about/nobody/',
    '/2015/03/no-such-post/amp/',
    '/category/sleep/anxiety/',
    '/category/nothing/sleep/',
  ]) {
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

test('an old permalink with an anchor to a comment on the second page of comments lands on that comment', async () => {
  // The last of 55 threads: on page 2 (50 comments a page), which the fragment alone cannot ask for.
  await page.goto(`${stack.siteUrl}/2017/05/many-voices/#comment-1055`)
  await page.waitForURL(`${stack.siteUrl}/2017/05/04/many-voices/?cpage=2#comment-1055`)
  const target = page.locator('#comment-1055')
  await expect.poll(() => target.isVisible()).toBe(true)
  expect(await target.innerText()).toContain('Voice number 1055.')
  // WordPress's own address of that page of comments keeps the anchor through its 301.
  await page.goto(`${stack.siteUrl}/2017/05/many-voices/comment-page-2/#comment-1054`)
  expect(page.url()).toBe(`${stack.siteUrl}/2017/05/04/many-voices/?cpage=2#comment-1054`)
  await expect.poll(() => page.locator('#comment-1054').isVisible()).toBe(true)
})

test('a comment’s own address leads to it; a held or unknown comment’s answers 404', async () => {
  const moves: [string, string][] = [
    ['/comment/1055/', '/2017/05/04/many-voices/?cpage=2#comment-1055'],
    ['/comment/1001/', '/2017/05/04/many-voices/#comment-1001'],
    ['/comment/104/', '/2015/03/14/first-steps/#comment-104'],
  ]
  for (const [from, to] of moves) {
    const response = await fetch(`${stack.siteUrl}${from}`, {redirect: 'manual'})
    expect([from, response.status, response.headers.get('location')]).toEqual([from, 302, to])
  }
  // 105 is held, 106 spam, 107 trashed: nobody learns they exist.
  for (const hidden of ['/comment/105/', '/comment/106/', '/comment/107/', '/comment/9999/', '/comment/..%2F/']) {
    expect([hidden, (await fetch(`${stack.siteUrl}${hidden}`, {redirect: 'manual'})).status]).toEqual([hidden, 404])
  }
})

test('a page nested four levels deep renders at its WordPress address', async () => {
  expect((await page.goto(`${stack.siteUrl}/about/team/rooms/quiet-room/`))?.status()).toBe(200)
  expect(await page.locator('article h1').textContent()).toBe('The quiet room')
  expect(await page.locator('article .post-body').innerText()).toContain('No clocks, soft light.')
  expect(await page.title()).toMatch(/^The quiet room/)
  expect((await fetch(`${stack.siteUrl}/about/team/rooms/nobody/`, {redirect: 'manual'})).status).toBe(404)
})

test('the home page shows the sticky post first, once; later pages are unchanged', async () => {
  await page.goto(`${stack.siteUrl}/`)
  const titles = await page.locator('main article h2').allTextContents()
  expect(titles[0]).toBe('First Steps: When Worry “Takes Over” & What Helps')
  expect(titles.filter((title) => title.startsWith('First Steps'))).toHaveLength(1)
  // Without the pin it would come after the newer posts.
  expect(titles.indexOf('Many voices')).toBeGreaterThan(0)
})

test('archives: a tag shows its description; a subcategory links to its parent', async () => {
  await page.goto(`${stack.siteUrl}/tag/breathing/`)
  expect(await page.locator('.archive-header h1').textContent()).toBe('Tag: Breathing')
  expect(await page.locator('.archive-header .archive-description').textContent()).toBe('Exercises for the breath')
  await page.goto(`${stack.siteUrl}/category/sleep/`)
  const breadcrumb = page.locator('.archive-header nav[aria-label="Breadcrumb"] a')
  expect([await breadcrumb.textContent(), await breadcrumb.getAttribute('href')]).toEqual(['Anxiety', '/category/anxiety/'])
  expect(await page.locator('.archive-header h1').textContent()).toBe('Category: Sleep')
  await page.goto(`${stack.siteUrl}/category/anxiety/`)
  expect(await page.locator('.archive-header nav').count()).toBe(0)
})
