import fs from 'node:fs'
import path from 'node:path'
import type {Page} from 'playwright-core'
import {afterAll, beforeAll, expect, inject, test} from 'vitest'
import {AUTHOR_ID, POST_ID} from '../../seed/life-in-balance'
import {openStudioSession, type StudioSession} from '../support/studio-session'

// What an editor does to documents in the Studio the lake serves, in Chromium: duplicating the
// seeded post (its address is then taken), deleting the never-published duplicate, reviewing
// changes on a post written through the API rather than the Studio, and reviewing changes on a
// post published in Studio and then written "live" through the API.
const lakeUrl = inject('lakeUrl')
const studioUrl = inject('lakeHttpsUrl')
const dataDir = inject('dataDir')
const token = fs.readFileSync(path.join(dataDir, 'content-lake-token'), 'utf8').trim()
const caPath = path.join(dataDir, 'content-lake', 'tls', 'ca.pem')
const SLOW = {timeout: 60_000}
const ORIGINAL_TITLE = 'Hold On. We Don’t Do That'
const reviewedTitle = `Reviewed in Studio ${Date.now()}`

let session: StudioSession
let page: Page
let originalPost: Record<string, unknown>

/** The lake's API over plain HTTP, as the administrator. */
async function lake(pathname: string, init: RequestInit = {}): Promise<unknown> {
  const response = await fetch(`${lakeUrl}/v2025-02-19${pathname}`, {...init, headers: {authorization: `Bearer ${token}`, 'content-type': 'application/json'}})
  if (!response.ok) throw new Error(`${pathname}: ${response.status} ${await response.text()}`)
  return response.json()
}

/** A document (draft or published) as stored, or undefined. */
async function stored(id: string): Promise<Record<string, unknown> | undefined> {
  const {documents} = (await lake(`/data/doc/production/${id}`)) as {documents: Array<Record<string, unknown>>}
  return documents[0]
}

beforeAll(async () => {
  session = await openStudioSession({caPath, screenshotPrefix: 'studio-documents'})
  page = session.page
  originalPost = (await stored(POST_ID))!
  await page.goto(`${studioUrl}/#token=${token}`)
})

afterAll(async () => {
  await session?.close()
  // Other end-to-end tests expect the seeded post as it was and no copies of it.
  const {result: copies} = (await lake(
    `/data/query/production?query=${encodeURIComponent('*[_type == "post" && title == $title && !(_id in [$id, "drafts." + $id])]._id')}&$title=${encodeURIComponent(JSON.stringify(originalPost.title))}&$id=${encodeURIComponent(JSON.stringify(POST_ID))}&perspective=raw`,
  )) as {result: string[]}
  const {_rev, _updatedAt, ...original} = originalPost
  await lake('/data/mutate/production', {
    method: 'POST',
    body: JSON.stringify({
      mutations: [
        ...copies.map((id) => ({delete: {id}})),
        {delete: {id: `drafts.${POST_ID}`}},
        {createOrReplace: original},
        {delete: {id: apiPost._id}},
        {delete: {id: `drafts.${apiPost._id}`}},
        {delete: {id: livePost._id}},
        {delete: {id: `drafts.${livePost._id}`}},
      ],
    }),
  })
})

async function openPost(id: string) {
  await page.goto(`${studioUrl}/structure/post;${id}`)
  await expect.poll(() => page.getByRole('textbox', {name: 'Title'}).inputValue(), SLOW).toContain(ORIGINAL_TITLE)
}

async function documentAction(name: string) {
  await page.getByRole('button', {name: 'Open document actions'}).click()
  await page.getByRole('menuitem', {name}).click()
}

test('a duplicate of the seeded post says its address is taken, and deleting the never-published duplicate works', async () => {
  let copyId = ''
  await session.step('duplicate', async () => {
    await openPost(POST_ID)
    await documentAction('Duplicate')
    await page.waitForURL((url) => !url.pathname.endsWith(`;${POST_ID}`), SLOW)
    copyId = /;([^;/?]+)$/.exec(new URL(page.url()).pathname)?.[1] ?? ''
    expect(copyId).not.toBe('')
    await expect.poll(async () => (await stored(`drafts.${copyId}`))?.title, SLOW).toBe(originalPost.title)
  })

  await session.step('address-taken', async () => {
    // The field's error sign, and what it says when pointed at.
    const error = page.locator('[data-testid="field-slug"]').getByLabel('Has error').first()
    await error.hover(SLOW)
    await expect.poll(() => page.getByText(`This address is already used by “${originalPost.title}”.`, {exact: false}).count(), SLOW).toBeGreaterThan(0)
  })

  await session.step('delete-copy', async () => {
    await documentAction('Delete')
    await page.getByRole('button', {name: 'Delete document', exact: true}).click(SLOW)
    await expect.poll(() => stored(`drafts.${copyId}`), SLOW).toBeUndefined()
    expect(await stored(POST_ID)).toMatchObject({title: originalPost.title})
  })
}, 180_000)

// A post written straight to the published document through the API, as the seed and the
// importer write: its own, so that no other test's publishing of the seeded post is its history.
const apiPost = {
  _id: `api-written-${Date.now().toString(36)}`,
  _type: 'post',
  title: 'Written through the API',
  slug: {_type: 'slug', current: `api-written-${Date.now().toString(36)}`},
}

test('"Review changes" on a post written through the API shows what was changed since the draft began', async () => {
  await session.step('edit-api-written', async () => {
    await lake('/data/mutate/production', {method: 'POST', body: JSON.stringify({mutations: [{createOrReplace: apiPost}]})})
    await page.goto(`${studioUrl}/structure/post;${apiPost._id}`)
    await expect.poll(() => page.getByRole('textbox', {name: 'Title'}).inputValue(), SLOW).toBe(apiPost.title)
    await page.getByRole('textbox', {name: 'Title'}).fill(reviewedTitle)
    await expect.poll(async () => (await stored(`drafts.${apiPost._id}`))?.title, SLOW).toBe(reviewedTitle)
  })

  await session.step('review-changes', async () => {
    await page.getByRole('button', {name: 'Review changes'}).first().click()
    // The history inspector holds two such panes; the inner one lists the changes.
    const pane = page.getByTestId('review-changes-pane').last()
    // The title's change: from the seeded title to the new one.
    await expect.poll(() => pane.textContent(), SLOW).toContain(reviewedTitle)
    expect(await pane.textContent()).toContain(apiPost.title)
  })
}, 180_000)

// A post the editor publishes in Studio, which a script then writes to "live", straight to the
// published document, before the editor starts a new draft.
const livePost = {
  _id: `live-written-${Date.now().toString(36)}`,
  _type: 'post',
  title: 'Published in Studio',
  slug: {_type: 'slug', current: `live-written-${Date.now().toString(36)}`},
  // What the schema needs before Studio lets the editor publish.
  publishedAt: '2025-03-05T10:30:00Z',
  author: {_type: 'reference', _ref: AUTHOR_ID},
  body: [{_type: 'block', _key: 'b1', style: 'normal', markDefs: [], children: [{_type: 'span', _key: 's1', text: 'Written before a live write.', marks: []}]}],
}
const liveExcerpt = `Set through the API ${Date.now()}`
const titleAfterLiveWrite = `Edited after a live write ${Date.now()}`

test('"Review changes" after a publish in Studio and a live write through the API compares the new draft with what Studio published', async () => {
  // Studio 6.16 resolves the changes panel's "From" as the newest publish in the draft's own events
  // (resolveSinceId) and fetches the draft as it was at that publish's `versionRevisionId`.
  const sinceRevisions: string[] = []
  const draftAtRevision = `/data/history/production/documents/drafts.${livePost._id}`
  page.on('request', (request) => {
    const url = new URL(request.url())
    if (url.pathname.endsWith(draftAtRevision)) sinceRevisions.push(url.searchParams.get('revision') ?? '')
  })
  let publishedDraftRevision = ''
  await session.step('publish-in-studio', async () => {
    const {transactionId} = (await lake('/data/mutate/production', {
      method: 'POST',
      body: JSON.stringify({mutations: [{createOrReplace: {...livePost, _id: `drafts.${livePost._id}`}}]}),
    })) as {transactionId: string}
    publishedDraftRevision = transactionId
    await page.goto(`${studioUrl}/structure/post;${livePost._id}`)
    await expect.poll(() => page.getByRole('textbox', {name: 'Title'}).inputValue(), SLOW).toBe(livePost.title)
    const publish = page.getByRole('button', {name: 'Publish', exact: true})
    await expect.poll(() => publish.isEnabled(), SLOW).toBe(true)
    await publish.click()
    await expect.poll(async () => [(await stored(livePost._id))?.title, await stored(`drafts.${livePost._id}`)], SLOW).toEqual([livePost.title, undefined])
  })

  await session.step('live-write', async () => {
    await lake('/data/mutate/production', {method: 'POST', body: JSON.stringify({mutations: [{patch: {id: livePost._id, set: {excerpt: liveExcerpt}}}]})})
    // The open form follows the published document.
    await expect.poll(() => page.getByRole('textbox', {name: 'Excerpt'}).inputValue(), SLOW).toBe(liveExcerpt)
  })

  await session.step('edit-after-live-write', async () => {
    await page.getByRole('textbox', {name: 'Title'}).fill(titleAfterLiveWrite)
    await expect.poll(async () => (await stored(`drafts.${livePost._id}`))?.title, SLOW).toBe(titleAfterLiveWrite)
  })

  await session.step('review-changes-after-live-write', async () => {
    await page.getByRole('button', {name: 'Review changes'}).first().click()
    const pane = page.getByTestId('review-changes-pane').last()
    await expect.poll(() => pane.textContent(), SLOW).toContain(titleAfterLiveWrite)
    const text = (await pane.textContent()) ?? ''
    // "From" is the publish, as hosted Sanity's Studio picks it, and its title is the one Studio published.
    expect(text).toContain('Published:')
    expect(text).toContain(livePost.title)
    // The API's write came into the draft when the editor's keystroke copied the published
    // document: compared with what Studio published, it is one of the draft's changes.
    expect(text).toContain(liveExcerpt)
    expect(sinceRevisions).toContain(publishedDraftRevision)
  })
}, 180_000)

test('nothing the browser did in these tests left the machine', () => {
  expect(session.escaped).toEqual([])
  expect(session.notRefusedByPage()).toEqual([])
})
