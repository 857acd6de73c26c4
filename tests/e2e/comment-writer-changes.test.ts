import type {Browser, Page} from 'playwright-core'
import {afterAll, beforeAll, describe, expect, inject, test} from 'vitest'
import {axeViolations} from '../support/axe'
import {launchBrowser} from '../support/browser'
import {removeFixturePosts} from '../support/fixture-cleanup'
import {lakeClient} from '../support/site-content'
import {saveComment, setCommentStatus} from '~/sanity/comments.server'

// Issue #19 point 2 in Chromium, with JavaScript on and off, against the stack `npm start`
// runs: a reader edits and deletes their own comment for a while after posting; another
// browser sees no controls and is refused at the pages' addresses; past its time, nobody can.
// axe runs in the page, so only with JavaScript on (the markup is the same server-rendered HTML).

const siteUrl = inject('siteUrl')
const lake = lakeClient(inject('lakeUrl'), inject('dataDir'))

const run = Date.now().toString(36)
const POST = {_id: `e2e-writer-post-${run}`, slug: `e2e-writer-${run}`, title: 'On changing your mind'}
const POST_PATH = `/2012/01/11/${POST.slug}/`

let browser: Browser
beforeAll(async () => {
  browser = await launchBrowser()
  await lake
    .createOrReplace({_id: POST._id, _type: 'post', title: POST.title, slug: {_type: 'slug', current: POST.slug}, publishedAt: '2012-01-11T12:00:00Z'})
    .then(() => lake.patch('siteSettings').setIfMissing({moderation: {}}).set({'moderation.mode': 'holdFirstTime'}).commit({visibility: 'sync'}))
})
afterAll(async () => {
  await browser?.close()
  await removeFixturePosts(lake, [POST._id])
})

async function readerPage(javaScriptEnabled: boolean): Promise<Page> {
  const page = await (await browser.newContext({javaScriptEnabled})).newPage()
  page.on('dialog', (dialog) => {
    throw new Error(`A dialog opened: ${dialog.message()}`)
  })
  return page
}

async function post(page: Page, name: string, body: string): Promise<string> {
  await page.goto(`${siteUrl}${POST_PATH}`)
  const form = page.locator('#respond form')
  await form.getByRole('textbox', {name: /^Name or pseudonym \(required\)/}).fill(name)
  await form.getByRole('textbox', {name: /^Email \(required\)/}).fill(`${name.toLowerCase().replace(/\W+/g, '-')}@example.com`)
  await form.getByRole('textbox', {name: 'Comment', exact: true}).fill(body)
  // People take longer than this to write; the site holds anything faster.
  await page.waitForTimeout(3_100)
  await form.getByRole('button', {name: 'Post Comment'}).click()
  const article = page.locator('article.comment-body', {hasText: body})
  await article.waitFor()
  return (await article.getAttribute('id'))!
}

const approve = (id: string) => setCommentStatus(lake, id, 'approved', {who: {kind: 'site', task: 'e2e'}})
const record = (id: string) => lake.getDocument<{status: string; body: string; revisions?: {body: string}[]}>(`comment-private.${id}`)
const controls = (page: Page, id: string) => page.locator(`[id="${id}"]`).getByRole('link', {name: /^(Edit|Delete) your comment$/})

describe.each([
  {mode: 'JavaScript on', js: true},
  {mode: 'JavaScript off', js: false},
])('a reader changes their own comment ($mode)', ({js}) => {
  const tag = `${run}-${js ? 'js' : 'nojs'}`

  test('Edit and Delete are on the writer’s comment only; another browser is refused at their addresses', async () => {
    const writer = await readerPage(js)
    const id = await post(writer, `Wren ${tag}`, `First thoughts (${tag}).`)
    // Held (a first comment): its writer may still change it.
    await expect.poll(() => controls(writer, id).count()).toBe(2)
    await approve(id)
    await writer.goto(`${siteUrl}${POST_PATH}`)
    await expect.poll(() => controls(writer, id).count()).toBe(2)
    if (js) expect(await axeViolations(writer)).toEqual([])

    const stranger = await readerPage(js)
    await stranger.goto(`${siteUrl}${POST_PATH}`)
    await stranger.locator(`[id="${id}"]`).waitFor()
    expect(await controls(stranger, id).count()).toBe(0)
    const name = id.replace(/^comment-/, '')
    for (const action of ['edit', 'delete']) {
      const answer = await stranger.goto(`${siteUrl}/comment/${name}/${action}/`)
      expect(answer?.status()).toBe(403)
      await expect.poll(() => stranger.getByRole('heading', {level: 1}).innerText()).toBe('Only its writer can change this comment')
      expect(await stranger.locator('body').innerText()).not.toContain(`First thoughts (${tag})`)
    }
    if (js) expect(await axeViolations(stranger)).toEqual([])

    // The writer edits it: checked again, published again, the earlier text kept for moderators only.
    await controls(writer, id).first().click()
    await writer.waitForURL(`${siteUrl}/comment/${name}/edit/`)
    expect(await writer.getByRole('heading', {level: 1}).innerText()).toBe('Edit your comment')
    if (js) expect(await axeViolations(writer)).toEqual([])
    await writer.getByRole('textbox', {name: 'Comment'}).fill(`Second thoughts (${tag}).`)
    await writer.getByRole('button', {name: 'Save changes'}).click()
    await writer.waitForURL(`${siteUrl}${POST_PATH}#${id}`)
    await expect.poll(() => writer.locator(`[id="${id}"]`).innerText()).toContain(`Second thoughts (${tag}).`)
    expect(await record(id)).toMatchObject({status: 'approved', body: `Second thoughts (${tag}).`, revisions: [{body: `First thoughts (${tag}).`}]})
    await stranger.goto(`${siteUrl}${POST_PATH}`)
    expect(await stranger.locator(`[id="${id}"]`).innerText()).toContain(`Second thoughts (${tag}).`)
    expect(await stranger.content()).not.toContain(`First thoughts (${tag})`)

    // Someone answers it; then its writer deletes it, after a confirmation page.
    const replyId = `comment-reply-${tag}`
    await saveComment(lake, {
      id: replyId,
      post: {_id: POST._id},
      submission: {name: `Reed ${tag}`, body: `An answer that stays (${tag}).`, parentId: id, notifyReplies: false, notifyPosts: false},
      status: 'approved',
      spamVerdict: 'ham',
      reasons: [],
      submittedAt: new Date(),
      networkAddressHash: '',
      userAgent: 'e2e',
    })
    await writer.goto(`${siteUrl}${POST_PATH}`)
    await controls(writer, id).last().click()
    await writer.waitForURL(`${siteUrl}/comment/${name}/delete/`)
    expect(await writer.getByRole('heading', {level: 1}).innerText()).toBe('Delete your comment?')
    if (js) expect(await axeViolations(writer)).toEqual([])
    await writer.getByRole('button', {name: 'Delete comment'}).click()
    await writer.waitForURL(`${siteUrl}${POST_PATH}#comments`)
    expect(await record(id)).toMatchObject({status: 'trash'})

    await stranger.goto(`${siteUrl}${POST_PATH}`)
    // Where it was, a note in words, named for assistive technology; its answer stays beneath it.
    const removed = stranger.locator(`li.comment-removed:has(> [id="${id}"])`)
    expect(await removed.getByRole('article', {name: 'Removed comment'}).innerText()).toBe('This comment has been removed.')
    expect(await removed.locator('ol.children').innerText()).toContain(`An answer that stays (${tag}).`)
    expect(await stranger.locator('#comments').innerText()).not.toContain(`Second thoughts (${tag})`)
    if (js) expect(await axeViolations(stranger)).toEqual([])
    await Promise.all([writer.context().close(), stranger.context().close()])
  })

  test('past its time, the controls are gone and the pages refuse, going by the time stored when it was posted', async () => {
    const writer = await readerPage(js)
    const id = await post(writer, `Ash ${tag}`, `Said long ago (${tag}).`)
    await expect.poll(() => controls(writer, id).count()).toBe(2)
    await lake
      .patch(`comment-private.${id}`)
      .set({submittedAt: new Date(Date.now() - 16 * 60_000).toISOString()})
      .commit({visibility: 'sync'})
    await writer.goto(`${siteUrl}${POST_PATH}`)
    await writer.locator(`[id="${id}"]`).waitFor()
    expect(await controls(writer, id).count()).toBe(0)
    const answer = await writer.goto(`${siteUrl}/comment/${id.replace(/^comment-/, '')}/edit/`)
    expect(answer?.status()).toBe(403)
    expect(await writer.getByRole('heading', {level: 1}).innerText()).toBe('The time for changes has passed')
    if (js) expect(await axeViolations(writer)).toEqual([])
    await writer.context().close()
  })
})
