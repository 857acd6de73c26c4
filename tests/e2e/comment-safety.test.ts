import type {Browser, Page} from 'playwright-core'
import {commentRecordId} from '../../contract/documents'
import {afterAll, beforeAll, describe, expect, inject, test} from 'vitest'
import {axeViolations} from '../support/axe'
import {launchBrowser} from '../support/browser'
import {removeFixturePosts} from '../support/fixture-cleanup'
import {lakeClient} from '../support/site-content'

// Issue #13 in the browser, with JavaScript on and off: a reader typing personal details is
// told that comments are public and how to reach the practice privately; a post author's reply
// that would confirm a treatment relationship waits for them to confirm it.

const siteUrl = inject('siteUrl')
const lake = lakeClient(inject('lakeUrl'), inject('dataDir'))

const run = Date.now().toString(36)
// The GitHub stand-in gives a typed name a verified address: "Robin Care <run>" → robin-care-<run>@example.org.
const MODERATOR_NAME = `Robin Care ${run}`
const MODERATOR_EMAIL = `robin-care-${run}@example.org`
const AUTHOR = {_id: `e2e-safety-author-${run}`, name: `Dr. Robin Hale ${run}`}
const POST = {_id: `e2e-safety-post-${run}`, slug: `e2e-safety-${run}`, title: 'On telling someone'}
const POST_PATH = `/2012/03/06/${POST.slug}/`
const PRACTICE_PHONE = '(401) 555-0123'

let browser: Browser
let phoneBefore: string | undefined

beforeAll(async () => {
  browser = await launchBrowser()
  phoneBefore = (await lake.getDocument<{practicePhone?: string}>('siteSettings'))?.practicePhone
  await lake
    .transaction()
    .createOrReplace({_id: AUTHOR._id, _type: 'author', name: AUTHOR.name, slug: {_type: 'slug', current: `robin-${run}`}})
    .createOrReplace({
      _id: POST._id,
      _type: 'post',
      title: POST.title,
      slug: {_type: 'slug', current: POST.slug},
      publishedAt: '2012-03-06T12:00:00Z',
      author: {_type: 'reference', _ref: AUTHOR._id},
    })
    .patch('siteSettings', (patch) =>
      patch
        .set({practicePhone: PRACTICE_PHONE})
        .setIfMissing({moderation: {}})
        .setIfMissing({'moderation.moderators': []})
        .append('moderation.moderators', [
          {_key: `care-${run}`, name: MODERATOR_NAME, kind: 'email', email: MODERATOR_EMAIL, author: {_type: 'reference', _ref: AUTHOR._id}},
        ]),
    )
    .commit({visibility: 'sync'})
})
afterAll(async () => {
  await browser?.close()
  await removeFixturePosts(lake, [POST._id])
  await lake
    .transaction()
    .patch('siteSettings', (patch) => {
      const without = patch.unset([`moderation.moderators[_key=="care-${run}"]`])
      return phoneBefore ? without.set({practicePhone: phoneBefore}) : without.unset(['practicePhone'])
    })
    .delete(AUTHOR._id)
    .commit({visibility: 'sync'})
})

const commentBox = (page: Page) => page.locator('#respond form').getByRole('textbox', {name: 'Comment', exact: true})

test('with JavaScript: a reader who types personal details is told, once they pause, that comments are public and how to call the practice', async () => {
  const page = await (await browser.newContext()).newPage()
  await page.goto(`${siteUrl}${POST_PATH}`)
  const notice = page
    .getByRole('status')
    .filter({has: page.locator('#comment-personal-details')})
    .or(page.locator('#comment-personal-details'))
  expect(await notice.innerText()).toBe('')

  await commentBox(page).pressSequentially('This helped. I was diagnosed with ADHD last year, text me on 07700 900123', {delay: 5})
  await expect.poll(() => notice.innerText()).toContain('Comments are public.')
  const text = await notice.innerText()
  expect(text).toContain('a phone number')
  expect(text).toContain('a first-person diagnosis or medicine')
  expect(await notice.getByRole('link', {name: PRACTICE_PHONE}).getAttribute('href')).toBe('tel:4015550123')
  // Announced politely, and named by the comment field so it can be found again.
  expect(await page.locator('#comment-personal-details').getAttribute('role')).toBe('status')
  expect(await commentBox(page).getAttribute('aria-describedby')).toContain('comment-personal-details')
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({colorScheme})
    expect(await axeViolations(page)).toEqual([])
  }

  // The same detector as the server's: naming a clinician of the practice as one's own.
  await commentBox(page).fill(`My therapist is ${AUTHOR.name.split(' ')[1]} and she is great.`)
  await expect.poll(() => notice.innerText()).toContain('a clinician of the practice')

  await commentBox(page).fill('Thank you for this post.')
  await expect.poll(() => notice.innerText()).toBe('')
  await page.context().close()
})

test('without JavaScript: no warning can show while typing; the comment with personal details is held, not published', async () => {
  const page = await (await browser.newContext({javaScriptEnabled: false})).newPage()
  await page.goto(`${siteUrl}${POST_PATH}`)
  const body = `Call me on 07700 900123 (${run}).`
  const form = page.locator('#respond form')
  await form.getByRole('textbox', {name: /^Name or pseudonym \(required\)/}).fill(`Kit ${run}`)
  await form.getByRole('textbox', {name: /^Email \(required\)/}).fill(`kit-${run}@example.com`)
  await commentBox(page).fill(body)
  await page.waitForTimeout(3_100)
  await form.getByRole('button', {name: 'Post Comment'}).click()
  const article = page.locator('article.comment-body', {hasText: body})
  await article.waitFor()
  expect(await article.innerText()).toContain('awaiting moderation')
  const id = (await article.getAttribute('id'))!
  expect(await lake.getDocument(commentRecordId(id))).toMatchObject({status: 'pending', spamReason: expect.stringMatching(/^Personal details: a phone number/)})
  expect(await (await fetch(`${siteUrl}${POST_PATH}`)).text()).not.toContain(body)
  await page.context().close()
})

async function authorPage(javaScriptEnabled: boolean): Promise<Page> {
  const page = await (await browser.newContext({javaScriptEnabled})).newPage()
  await page.goto(`${siteUrl}${POST_PATH}`)
  await Promise.all([page.waitForURL((url) => !url.href.startsWith(siteUrl)), page.getByRole('button', {name: 'Log in with GitHub'}).click()])
  await page.getByLabel('Or type a name for a new test user').fill(MODERATOR_NAME)
  await Promise.all([page.waitForURL((url) => url.href.startsWith(`${siteUrl}${POST_PATH}`)), page.getByRole('button', {name: 'Continue'}).click()])
  return page
}

const repliesWith = (text: string) => lake.fetch<{_id: string; status: string; byPostAuthor?: boolean}[]>('*[_type == "comment" && body == $text]', {text})

describe.each([
  {mode: 'JavaScript on', js: true},
  {mode: 'JavaScript off', js: false},
])('the post author replies ($mode)', ({js}) => {
  test('a reply that would confirm a treatment relationship is held back until they confirm it, text kept', async () => {
    const page = await authorPage(js)
    const reply = `As we discussed in session, this is normal (${run}-${js ? 'js' : 'nojs'}).`
    await commentBox(page).fill(reply)
    await page.locator('#respond form').getByRole('button', {name: 'Post Comment'}).click()

    const guard = page.getByRole('group', {name: 'Check your reply before it is published'})
    await guard.waitFor()
    expect(await guard.getByRole('listitem').allInnerTexts()).toEqual(['“as we discussed”', '“in session”'])
    expect(await page.getByRole('alert').innerText()).toContain('could tell readers that the person you answer is your client')
    expect(await commentBox(page).inputValue()).toBe(reply)
    expect(await repliesWith(reply)).toEqual([])
    // axe runs as a script, so only where scripts run; the markup is the same without them.
    if (js) expect(await axeViolations(page)).toEqual([])

    await guard.getByRole('checkbox', {name: 'Publish anyway: I have checked these words'}).check()
    await page.locator('#respond form').getByRole('button', {name: 'Post Comment'}).click()
    await page.locator('article.comment-body', {hasText: reply}).waitFor()
    await expect.poll(() => repliesWith(reply)).toMatchObject([{status: 'approved', byPostAuthor: true}])
    await page.context().close()
  })
})
