import fs from 'node:fs'
import path from 'node:path'
import type {Page} from 'playwright-core'
import {afterAll, beforeAll, expect, inject, test} from 'vitest'
import {ruleKey} from '../../contract/commenter-rules'
import {commentRecordId} from '../../contract/documents'
import {POST_ID} from '../../seed/life-in-balance'
import {openStudioSession, type StudioSession} from '../support/studio-session'
import {lakeClient} from '../support/site-content'

// Issue #19 point 4 in Studio and on the site: a moderator bans a comment's author by email
// with "Ban author…", the rule is listed under Banned & trusted, and that email's next comment,
// posted on the post page in Chromium, is stored as spam while the reader is told only that it
// awaits moderation (decisions 0235, 0236).
const siteUrl = inject('siteUrl')
const studioUrl = inject('lakeHttpsUrl')
const dataDir = inject('dataDir')
const lake = lakeClient(inject('lakeUrl'), dataDir)
const token = fs.readFileSync(path.join(dataDir, 'content-lake-token'), 'utf8').trim()
const POST_PATH = '/2013/07/25/hold-on-we-dont-do-that-sex-therapy-v-sexual-surrogacy/'
const SLOW = {timeout: 60_000}
const FEW_SECONDS = {timeout: 15_000, interval: 250}

let session: StudioSession
let page: Page
const run = Date.now().toString(36)
const EMAIL = `rex-${run}@example.com`
const HELD = {id: commentRecordId(`comment-ban-${run}`), author: `Rex ${run}`, body: `Something unkind (${run}).`}

beforeAll(async () => {
  session = await openStudioSession({caPath: path.join(dataDir, 'content-lake', 'tls', 'ca.pem'), screenshotPrefix: 'studio-commenter-rules'})
  page = session.page
  await lake.create(
    {
      _id: HELD.id,
      _type: 'comment',
      status: 'pending',
      post: {_type: 'reference', _ref: POST_ID, _weak: true},
      authorName: HELD.author,
      provider: 'guest',
      body: HELD.body,
      email: EMAIL,
      spamVerdict: 'ham',
      spamReason: 'First comment from this commenter.',
      submittedAt: new Date().toISOString(),
    },
    {visibility: 'sync'},
  )
})

afterAll(async () => {
  await session?.close()
  const ids = await lake.fetch<string[]>(
    '*[(_type == "comment" && email == $email) || (_type == "commenterRule" && who match $run)]._id',
    {email: EMAIL, run},
    {
      perspective: 'raw',
    },
  )
  const transaction = lake.transaction()
  for (const id of ids)
    transaction
      .delete(id)
      .delete(`drafts.${id}`)
      .delete(id.replace(/^comment-private\./, ''))
  await transaction.commit({visibility: 'sync'})
})

test('Ban author… by email from a comment in Studio: listed under Banned & trusted; that email’s next comment is spam, and its writer is told it awaits moderation', async () => {
  await session.step('ban', async () => {
    await page.goto(`${studioUrl}/#token=${token}`)
    // Studio keeps the token only once it has started: going on before that would sign it out.
    await page.getByRole('link', {name: 'Comments'}).first().waitFor(SLOW)
    await page.goto(`${studioUrl}/structure/comments;comments-pending;${HELD.id}`)
    await expect.poll(() => page.getByText(`(${run})`).count(), SLOW).toBeGreaterThan(0)
    await expect.poll(() => page.getByRole('button', {name: 'Approve'}).isEnabled(), SLOW).toBe(true)
    await page.getByRole('button', {name: 'Open document actions'}).click()
    await page.getByRole('menuitem', {name: 'Ban author…'}).click()
    const dialog = page.getByRole('dialog', {name: 'Ban author'})
    await dialog.getByRole('radio', {name: `${HELD.author} (r•••@example.com)`}).check()
    expect(await dialog.getByRole('combobox', {name: 'For how long'}).inputValue()).toBe('1y')
    await dialog.getByRole('textbox', {name: 'Reason (for moderators only)'}).fill(`Unkind to others (${run})`)
    await dialog.getByRole('button', {name: 'Ban', exact: true}).click()
    await dialog.getByText(`Banned: ${HELD.author} (r•••@example.com)`).waitFor(SLOW)
    const key = await ruleKey('email', {email: EMAIL})
    expect(await lake.fetch('*[_type == "commenterRule" && key == $key][0]{verdict, match, who, reason}', {key}, {perspective: 'raw'})).toEqual({
      verdict: 'ban',
      match: 'email',
      who: `${HELD.author} (r•••@example.com)`,
      reason: `Unkind to others (${run})`,
    })
    await page.keyboard.press('Escape')
  })

  await session.step('banned-and-trusted-list', async () => {
    await page.goto(`${studioUrl}/structure/comments;commenter-rules`)
    const row = page.getByRole('link', {name: new RegExp(`${HELD.author} \\(r•••@example\\.com\\)`)}).first()
    await row.waitFor(SLOW)
    expect(await row.textContent()).toMatch(new RegExp(`Banned by email · until .* · Unkind to others \\(${run}\\)`))
  })

  await session.step('next-comment-is-spam', async () => {
    const reader = await session.context.browser()!.newContext()
    const readerPage = await reader.newPage()
    try {
      await readerPage.goto(`${siteUrl}${POST_PATH}`)
      const form = readerPage.locator('#respond form')
      await form.getByRole('textbox', {name: /^Name or pseudonym \(required\)/}).fill(`Rex again ${run}`)
      await form.getByRole('textbox', {name: /^Email \(required\)/}).fill(EMAIL.toUpperCase())
      await form.getByRole('textbox', {name: 'Comment', exact: true}).fill(`Another try (${run}).`)
      // People take longer than this to write; the site holds anything faster.
      await readerPage.waitForTimeout(3_100)
      await form.getByRole('button', {name: 'Post Comment'}).click()
      // What anyone whose comment is held is told: nothing about a ban.
      await readerPage.getByText('Your comment is awaiting moderation.').waitFor(SLOW)
      expect(await readerPage.content()).not.toMatch(/banned/i)
      await expect
        .poll(
          () =>
            lake.fetch<{status: string; spamReason: string} | null>(
              '*[_type == "comment" && body == $text][0]{status, spamReason}',
              {text: `Another try (${run}).`},
              {perspective: 'raw'},
            ),
          FEW_SECONDS,
        )
        .toEqual({status: 'spam', spamReason: expect.stringContaining(`Banned (email): Unkind to others (${run}).`)})
    } finally {
      await reader.close()
    }
  })
}, 240_000)
