import type {Browser, Page} from 'playwright-core'
import {afterAll, beforeAll, expect, inject, test} from 'vitest'
import {axeViolations} from '../support/axe'
import {launchBrowser} from '../support/browser'
import {removeFixturePosts} from '../support/fixture-cleanup'
import {lakeClient} from '../support/site-content'
import {saveComment} from '~/sanity/comments.server'

// A moderator named in Site settings logs in through the GitHub stand-in and moderates the
// post's held comments on the post page itself, with JavaScript on and off; nobody else sees
// them. The moderator writes as the post's author, so their reply carries the "Post author" badge.

const siteUrl = inject('siteUrl')
const lake = lakeClient(inject('lakeUrl'), inject('dataDir'))

const run = Date.now().toString(36)
// The stand-in gives a typed name a verified address: "Jami Mod <run>" → jami-mod-<run>@example.org.
const MODERATOR_NAME = `Jami Mod ${run}`
const MODERATOR_EMAIL = `jami-mod-${run}@example.org`
const POST = {_id: `e2e-inline-post-${run}`, slug: `e2e-inline-${run}`, title: 'On moderating in place'}
const AUTHOR = {_id: `e2e-author-${run}`, name: `Dr. Jami Wilder ${run}`, credentials: 'Psy.D.'}
const POST_PATH = `/2012/02/14/${POST.slug}/`

let browser: Browser

/** A held comment, stored by the site's own comment store. */
async function heldComment(id: string, body: string, status: 'pending' | 'spam', reason: string): Promise<void> {
  await saveComment(lake, {
    id,
    post: {_id: POST._id},
    submission: {name: `Guest ${id.slice(-4)}`, email: `guest-${run}@example.com`, body, notifyReplies: false, notifyPosts: false},
    status,
    spamVerdict: status === 'spam' ? 'spam' : 'ham',
    reasons: [reason],
    submittedAt: new Date(),
    networkAddressHash: 'hash',
    userAgent: 'E2E',
  })
}

const HELD_JS = `comment-${run}-held-js`
const HELD_NOJS = `comment-${run}-held-nojs`
const SPAM = `comment-${run}-spam`

beforeAll(async () => {
  browser = await launchBrowser()
  await lake
    .transaction()
    .createOrReplace({_id: AUTHOR._id, _type: 'author', name: AUTHOR.name, credentials: AUTHOR.credentials, slug: {_type: 'slug', current: `jami-${run}`}})
    .createOrReplace({
      _id: POST._id,
      _type: 'post',
      title: POST.title,
      slug: {_type: 'slug', current: POST.slug},
      publishedAt: '2012-02-14T12:00:00Z',
      author: {_type: 'reference', _ref: AUTHOR._id},
    })
    .patch('siteSettings', (patch) =>
      patch
        .setIfMissing({moderation: {}})
        .setIfMissing({'moderation.moderators': []})
        .append('moderation.moderators', [
          {_key: `mod-${run}`, name: MODERATOR_NAME, kind: 'email', email: MODERATOR_EMAIL, author: {_type: 'reference', _ref: AUTHOR._id}},
        ]),
    )
    .commit({visibility: 'sync'})
  await heldComment(HELD_JS, `Held with scripts on (${run}).`, 'pending', 'First comment from this person.')
  await heldComment(HELD_NOJS, `Held with scripts off (${run}).`, 'pending', 'Contains a held word: refund.')
  await heldComment(SPAM, `Cheap pills (${run}).`, 'spam', 'Akismet says spam.')
})
afterAll(async () => {
  await browser?.close()
  await removeFixturePosts(lake, [POST._id])
  await lake
    .transaction()
    .patch('siteSettings', (patch) => patch.unset([`moderation.moderators[_key=="mod-${run}"]`]))
    .delete(AUTHOR._id)
    .commit({visibility: 'sync'})
})

async function moderatorPage(javaScriptEnabled: boolean): Promise<Page> {
  const context = await browser.newContext({javaScriptEnabled})
  const page = await context.newPage()
  await page.goto(`${siteUrl}${POST_PATH}`)
  await Promise.all([page.waitForURL((url) => !url.href.startsWith(siteUrl)), page.getByRole('button', {name: 'Log in with GitHub'}).click()])
  await page.getByRole('heading', {name: 'Sign in with GitHub'}).waitFor()
  await page.getByLabel('Or type a name for a new test user').fill(MODERATOR_NAME)
  await Promise.all([page.waitForURL((url) => url.href.startsWith(`${siteUrl}${POST_PATH}`)), page.getByRole('button', {name: 'Continue'}).click()])
  return page
}

const statusOf = async (id: string) => (await lake.getDocument<{status: string}>(`comment-private.${id}`))?.status

test('readers who are not moderators see no held comments, and the page may be cached', async () => {
  const anonymous = await fetch(`${siteUrl}${POST_PATH}`)
  expect(anonymous.headers.get('cache-control')).toMatch(/public/)
  const html = await anonymous.text()
  expect(html).not.toContain(`(${run})`)
  expect(html).not.toContain('Held for moderation')

  // Signed in, but not named in Site settings.
  const context = await browser.newContext()
  const page = await context.newPage()
  await page.goto(`${siteUrl}${POST_PATH}`)
  await Promise.all([page.waitForURL((url) => !url.href.startsWith(siteUrl)), page.getByRole('button', {name: 'Log in with GitHub'}).click()])
  await page.getByLabel('Or type a name for a new test user').fill(`Not A Mod ${run}`)
  await Promise.all([page.waitForURL((url) => url.href.startsWith(`${siteUrl}${POST_PATH}`)), page.getByRole('button', {name: 'Continue'}).click()])
  await page.getByText('You are commenting using your GitHub account.').waitFor()
  expect(await page.content()).not.toContain(`(${run})`)
  await context.close()
})

test('with JavaScript: the moderator sees held comments with the reason, spam collapsed, approves one in place, and replies as the post author', async () => {
  const page = await moderatorPage(true)
  const held = page.locator('#held-comments')
  await held.waitFor()
  // A moderator's page is private to them.
  const response = await page.reload()
  expect(response!.headers()['cache-control']).toMatch(/private/)
  expect(response!.headers()['cache-control']).toMatch(/no-store/)

  const item = page.locator(`[id="held-${HELD_JS}"]`)
  expect(await item.innerText()).toContain('Held for moderation: First comment from this person.')
  const spam = page.locator(`[id="held-${SPAM}"]`)
  expect(await spam.isVisible()).toBe(false)
  await page.getByText(/^Marked as spam \(1\)$/).click()
  expect(await spam.isVisible()).toBe(true)
  expect(await spam.innerText()).toContain('Akismet says spam.')
  // The held list, open, meets WCAG 2.2 AA in both themes.
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({colorScheme})
    expect(await axeViolations(page)).toEqual([])
  }

  // No full reload with JavaScript: what this page's script set is still there afterwards.
  await page.evaluate(() => Object.assign(window, {samePage: true}))
  await item.getByRole('button', {name: /^Approve/}).click()
  // Approved, it joins the thread everyone sees.
  await page.locator(`article[id="${HELD_JS}"]`).waitFor()
  await expect.poll(() => page.locator(`[id="held-${HELD_JS}"]`).count()).toBe(0)
  expect(await statusOf(HELD_JS)).toBe('approved')
  expect(await page.evaluate(() => (window as {samePage?: boolean}).samePage)).toBe(true)
  expect(await (await fetch(`${siteUrl}${POST_PATH}`)).text()).toContain(`Held with scripts on (${run}).`)

  // The moderator writes as the post's author: their reply is published at once, marked as theirs.
  await page
    .locator(`article[id="${HELD_JS}"]`)
    .getByRole('link', {name: /^Reply to/})
    .click()
  const reply = `Thank you for writing in (${run}).`
  await page.locator('#respond form').getByRole('textbox', {name: 'Comment', exact: true}).fill(reply)
  await page.locator('#respond form').getByRole('button', {name: 'Post Comment'}).click()
  const replyArticle = page.locator('article.comment-body', {hasText: reply})
  await replyArticle.waitFor()
  const author = replyArticle.locator('.comment-author')
  expect(await author.innerText()).toBe(`${AUTHOR.name}, Psy.D. Post author says:`)
  expect(await replyArticle.innerText()).not.toContain('awaiting moderation')
  const replyId = (await replyArticle.getAttribute('id'))!
  expect(await lake.getDocument(`comment-private.${replyId}`)).toMatchObject({
    status: 'approved',
    byPostAuthor: true,
    parent: {_ref: `comment-private.${HELD_JS}`},
  })
  // Everyone sees it, badge and all, nested under the comment it answers.
  const publicHtml = await (await fetch(`${siteUrl}${POST_PATH}`)).text()
  expect(publicHtml).toContain(reply)
  expect(publicHtml).toMatch(/class="comment depth-2 bypostauthor"/)
  expect(publicHtml).toContain('<span class="comment-author-badge">Post author</span>')
  expect(await axeViolations(page)).toEqual([])
  await page.context().close()
})

test('without JavaScript: the buttons are plain forms; Spam and Trash work', async () => {
  const page = await moderatorPage(false)
  const item = page.locator(`[id="held-${HELD_NOJS}"]`)
  expect(await item.innerText()).toContain('Contains a held word: refund.')
  await Promise.all([page.waitForURL(/#held-comments$/), item.getByRole('button', {name: /^Spam/}).click()])
  expect(await statusOf(HELD_NOJS)).toBe('spam')
  await page.getByText(/^Marked as spam \(2\)$/).click()
  await Promise.all([
    page.waitForURL(/#held-comments$/),
    page
      .locator(`[id="held-${SPAM}"]`)
      .getByRole('button', {name: /^Trash/})
      .click(),
  ])
  expect(await statusOf(SPAM)).toBe('trash')
  expect(await page.locator(`[id="held-${SPAM}"]`).count()).toBe(0)
  await page.context().close()
})
