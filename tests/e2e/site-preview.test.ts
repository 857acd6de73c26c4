import type {SanityClient} from '@sanity/client'
import {afterAll, beforeAll, expect, inject, test} from 'vitest'
import {createPreviewLink} from '../../studio/actions/previewLink'
import {createSiteFixtures, FIXTURE_PREFIX, lakeClient, postSlug, removeSiteFixtures} from '../support/site-content'

const siteUrl = inject('siteUrl')
const PUBLISHED_ID = `${FIXTURE_PREFIX}post-3`
const NEW_ID = `${FIXTURE_PREFIX}post-new`

let client: SanityClient

beforeAll(async () => {
  client = lakeClient(inject('lakeUrl'), inject('dataDir'))
  await removeSiteFixtures(client)
  await createSiteFixtures(client)
  await client
    .transaction()
    .createOrReplace({...(await client.getDocument(PUBLISHED_ID))!, _id: `drafts.${PUBLISHED_ID}`, title: 'E2E post 3, rewritten in draft'})
    .createOrReplace({
      _id: `drafts.${NEW_ID}`,
      _type: 'post',
      title: 'A post nobody has seen yet',
      body: [{_type: 'block', _key: 'a', style: 'normal', markDefs: [], children: [{_type: 'span', _key: 's', text: 'Secret words.', marks: []}]}],
    })
    .commit({visibility: 'sync'})
})

afterAll(async () => {
  await client.delete({query: '*[_id in $ids]', params: {ids: [`drafts.${PUBLISHED_ID}`, `drafts.${NEW_ID}`]}})
  await client.delete({query: '*[string::startsWith(_id, "preview-secret.")]'})
  await removeSiteFixtures(client)
})

/** What Studio's "Preview on site" does, then the site's hand-off, as a browser would follow it. */
async function openPreview(documentId: string): Promise<{page: Response; start: string; previewPath: string}> {
  const start = await createPreviewLink(client, documentId, siteUrl)
  const handOff = await fetch(start, {redirect: 'manual'})
  expect(handOff.status).toBe(303)
  const previewPath = handOff.headers.get('location')!
  expect(previewPath).toMatch(/^\/preview\/[\w-]+\.[\w-]+\/$/)
  return {page: await fetch(`${siteUrl}${previewPath}`), start, previewPath}
}

test('Studio’s preview button opens the draft on the site through a signed link, private and unindexed', async () => {
  const {page, start} = await openPreview(`drafts.${PUBLISHED_ID}`)
  expect(page.status).toBe(200)
  expect(page.headers.get('cache-control')).toBe('private, no-store')
  expect(page.headers.get('x-robots-tag')).toBe('noindex, nofollow')
  expect(page.headers.get('referrer-policy')).toBe('same-origin')
  const html = await page.text()
  expect(html).toContain('E2E post 3, rewritten in draft')
  expect(html).toContain('Preview: this is how the post looks')

  // The public still reads the published post, and the button's secret works only once.
  const published = await (await fetch(`${siteUrl}/2011/03/15/${postSlug(3)}/`)).text()
  expect(published).toContain('E2E post 3')
  expect(published).not.toContain('rewritten in draft')
  expect((await fetch(start, {redirect: 'manual'})).status).toBe(403)
})

test('a draft that was never published can be previewed, and is nowhere else', async () => {
  const {page} = await openPreview(NEW_ID)
  expect(page.status).toBe(200)
  expect(await page.text()).toContain('A post nobody has seen yet')
  const search = await (await fetch(`${siteUrl}/search/?q=nobody`)).text()
  expect(search).not.toContain('A post nobody has seen yet')
  const feed = await (await fetch(`${siteUrl}/feed/`)).text()
  expect(feed).not.toContain('Secret words')
})

test('a forged or altered link, or a made-up secret, shows no draft', async () => {
  const {previewPath} = await openPreview(PUBLISHED_ID)
  const [body, signature] = previewPath.slice('/preview/'.length, -1).split('.')
  const forged = Buffer.from(JSON.stringify({p: 'draft-preview', exp: 4102444800, d: {id: NEW_ID}})).toString('base64url')
  for (const path of [`/preview/${forged}.${signature}/`, `/preview/${body}.x${signature!.slice(1)}/`, '/preview/nonsense/']) {
    const response = await fetch(`${siteUrl}${path}`)
    expect(response.status, path).toBe(404)
    expect(response.headers.get('cache-control')).toBe('private, no-store')
    expect(await response.text()).not.toContain('nobody has seen')
  }
  const guessed = await fetch(`${siteUrl}/preview/start/?id=preview-secret.x&secret=guess`, {redirect: 'manual'})
  expect(guessed.status).toBe(403)
})

test('a secret is used up even when the guess is wrong, and expired ones are swept away', async () => {
  await client.create({_id: 'preview-secret.stale', _type: 'sitePreviewSecret', secret: 's', documentId: PUBLISHED_ID, expiresAt: '2020-01-01T00:00:00Z'})
  const start = new URL(await createPreviewLink(client, PUBLISHED_ID, siteUrl))
  start.searchParams.set('secret', 'wrong')
  expect((await fetch(start, {redirect: 'manual'})).status).toBe(403)
  const left = await client.fetch('*[_id in path("preview-secret.**")]._id')
  expect(left).toEqual([])
})
