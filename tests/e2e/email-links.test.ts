import fs from 'node:fs'
import path from 'node:path'
import {afterAll, beforeAll, expect, inject, test} from 'vitest'
import {launchBrowser} from '../support/browser'
import {derivedKeys} from '../../app/security/keys.server'
import {signToken} from '../../app/security/signed-token.server'
import {POST_ID} from '../../seed/life-in-balance'
import type {CaughtMessage} from '../../stand-ins/mail/message-store'
import {createComment} from '../support/comments-fixture'
import {lakeClient} from '../support/site-content'

// The links in the site's emails, followed over HTTP against the stack npm start runs: the
// tokens are signed here with the secret npm start keeps for the site, as the site signs them.
const siteUrl = inject('siteUrl')
const lakeUrl = inject('lakeUrl')
const mailUrl = inject('mailUrl')
const dataDir = inject('dataDir')
const lake = lakeClient(lakeUrl, dataDir)
const keys = derivedKeys('signed-link', [fs.readFileSync(path.join(dataDir, 'session-secret'), 'utf8').trim()])
const run = Date.now()
const held = `comment-links-e2e-${run}`
const commenter = `links-${run}@example.com`

beforeAll(async () => {
  await createComment(lake, {id: held, postId: POST_ID, email: commenter, notifyReplies: true, name: 'Quinn <i>', body: 'Held <b>words</b>'})
})

// The comments go on the shared stack's original post: other tests count its comments and
// feed items, whichever order the files run in.
afterAll(async () => {
  const ids = await lake.fetch<string[]>('*[_type == "comment" && string::startsWith(_id, $prefix)]._id', {prefix: `comment-private.comment-links-e2e-`})
  await lake.delete({query: '*[_id in $ids]', params: {ids: ids.flatMap((id) => [id, id.replace(/^comment-private\./, '')])}})
})

function link(pathname: string, data: unknown, purpose: string, expiresIn = 3600, now = Date.now()): string {
  return `${siteUrl}/${pathname}/${signToken(data, {purpose, expiresIn, now}, keys)}`
}

const submit = (url: string, origin = siteUrl) =>
  fetch(url, {method: 'POST', headers: {Origin: origin, 'Content-Type': 'application/x-www-form-urlencoded'}, body: ''})

const statusOf = async (id: string) => (await lake.getDocument(`comment-private.${id}`))?.status

test('a moderation link shows the comment, and only a POST from the site approves it; the commenter then hears', async () => {
  const approve = link('moderate', {commentId: held, action: 'approve'}, 'moderate')
  const page = await fetch(approve)
  expect(page.status).toBe(200)
  expect(page.headers.get('cache-control')).toBe('private, no-store')
  expect(page.headers.get('referrer-policy')).toBe('same-origin')
  const html = await page.text()
  expect(html).toContain('Approve this comment?')
  expect(html).toContain('Held &lt;b&gt;words&lt;/b&gt;')
  expect(html).not.toContain('<b>words')
  expect(await statusOf(held)).toBe('pending')

  // Refused before the action runs (Remix's own origin check answers 500; ours would answer 403).
  expect((await submit(approve, 'https://evil.example')).status).toBeGreaterThanOrEqual(400)
  expect(await statusOf(held)).toBe('pending')

  const done = await submit(approve)
  expect(done.status).toBe(200)
  expect(await done.text()).toContain('The comment is approved and now appears on the post.')
  expect(await statusOf(held)).toBe('approved')

  // The lake's webhook tells the site; the site tells the commenter, who asked.
  await expect
    .poll(
      async () => {
        const messages = (await (await fetch(`${mailUrl}/api/messages?to=${commenter}`)).json()) as CaughtMessage[]
        return messages.map((message) => message.subject)
      },
      {timeout: 15_000, interval: 250},
    )
    .toEqual([expect.stringMatching(/^Your comment on .+ is published$/)])
})

test('an expired or forged moderation link is refused with a clear page', async () => {
  const expired = link('moderate', {commentId: held, action: 'trash'}, 'moderate', 60, Date.now() - 8 * 24 * 60 * 60 * 1000)
  const page = await fetch(expired)
  expect(page.status).toBe(410)
  expect(await page.text()).toContain('This moderation link has expired')
  expect((await submit(expired)).status).toBe(410)
  expect((await fetch(`${siteUrl}/moderate/not.a-token`)).status).toBe(400)
  expect(await statusOf(held)).toBe('approved')
})

test('the unsubscribe link asks, then stops the emails', async () => {
  const unsubscribe = link('unsubscribe', {commentId: held}, 'unsubscribe')
  const page = await fetch(unsubscribe)
  expect(page.status).toBe(200)
  expect(await page.text()).toContain('Stop emails about comments?')
  expect((await lake.getDocument(`comment-private.${held}`))?.notifyReplies).toBe(true)

  const done = await submit(unsubscribe)
  expect(await done.text()).toContain('You are unsubscribed')
  expect((await lake.getDocument(`comment-private.${held}`))?.notifyReplies).toBe(false)
})

test('in Chromium without JavaScript, the button on a moderation page moves the comment to the trash', async () => {
  const spam = `comment-links-e2e-nojs-${run}`
  await createComment(lake, {id: spam, postId: POST_ID, body: 'Buy cheap pills'})
  const browser = await launchBrowser()
  try {
    const page = await (await browser.newContext({javaScriptEnabled: false})).newPage()
    await page.goto(link('moderate', {commentId: spam, action: 'trash'}, 'moderate'))
    expect(await page.locator('h1').textContent()).toBe('Move this comment to the trash?')
    await page.getByRole('button', {name: 'Move to trash'}).click()
    await page.waitForURL(/\/moderate\//)
    expect(await page.getByRole('status').textContent()).toBe('The comment is in the trash. It is not shown.')
    expect(await statusOf(spam)).toBe('trash')
  } finally {
    await browser.close()
  }
})
