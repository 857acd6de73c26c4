import {gzipSync} from 'node:zlib'
import type {SanityClient} from '@sanity/client'
import {afterAll, beforeAll, expect, inject, test} from 'vitest'
import {post as originalPost, POST_ID} from '../../seed/life-in-balance'
import {lakeClient} from '../support/site-content'
import {saveComment, setCommentStatus} from '~/sanity/comments.server'

const siteUrl = inject('siteUrl')
const ORIGINAL = '/2013/07/25/hold-on-we-dont-do-that-sex-therapy-v-sexual-surrogacy/'

let client: SanityClient

/** A second post, a year before the original, in none of its archives but the date ones. */
const OTHER_ID = 'e2e-caching-other-post'
const OTHER = '/2012/07/25/e2e-caching-other/'
const COMMENT_ID = 'e2e-caching-comment'

beforeAll(async () => {
  client = lakeClient(inject('lakeUrl'), inject('dataDir'))
  await client.delete({query: '*[_id in $ids]', params: {ids: [COMMENT_ID, `comment-private.${COMMENT_ID}`]}})
  await client.createOrReplace({
    _id: OTHER_ID,
    _type: 'post',
    title: 'E2E caching: the other post',
    slug: {_type: 'slug', current: 'e2e-caching-other'},
    publishedAt: '2012-07-25T16:00:00Z',
    body: [{_type: 'block', _key: 'a', style: 'normal', markDefs: [], children: [{_type: 'span', _key: 'b', text: 'Another post.', marks: []}]}],
  })
})

afterAll(async () => {
  await client.patch(POST_ID).set({title: originalPost.title}).commit({visibility: 'sync'})
  await client.delete({query: '*[_id in $ids]', params: {ids: [OTHER_ID, COMMENT_ID, `comment-private.${COMMENT_ID}`]}})
})

/** Whether the page cache answered (x-page-cache: hit) or the page was rendered. */
async function cacheStatus(path: string): Promise<string | null> {
  const response = await fetch(`${siteUrl}${path}`)
  expect(response.status, path).toBe(200)
  await response.arrayBuffer()
  return response.headers.get('x-page-cache')
}

/** Requests `path` until it is kept (the settling time after a change may delay that). */
async function cached(path: string): Promise<void> {
  const started = Date.now()
  while ((await cacheStatus(path)) !== 'hit') {
    expect(Date.now() - started, `${path} was never kept`).toBeLessThan(10_000)
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
}

/** Requests `path` until its HTML contains `text`. */
async function showsSoon(path: string, text: string): Promise<void> {
  const started = Date.now()
  while (!(await (await fetch(`${siteUrl}${path}`)).text()).includes(text)) {
    expect(Date.now() - started, `${path} never showed ${text}`).toBeLessThan(5000)
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

test('anonymous pages may be cached by shared caches, with an ETag; a matching If-None-Match gets 304', async () => {
  for (const path of [ORIGINAL, '/', '/category/sexual-health/', '/feed/', '/sitemap.xml']) {
    const first = await fetch(`${siteUrl}${path}`)
    expect(first.status, path).toBe(200)
    expect(first.headers.get('cache-control'), path).toBe('public, max-age=0, s-maxage=60, stale-while-revalidate=86400')
    expect(first.headers.get('vary'), path).toMatch(/Cookie/)
    const etag = first.headers.get('etag')
    expect(etag, path).toMatch(/^W\/".+"$/)
    const body = await first.text()

    const again = await fetch(`${siteUrl}${path}`, {headers: {'if-none-match': etag!}})
    expect(again.status, path).toBe(304)
    expect(await again.text()).toBe('')
    expect(again.headers.get('etag')).toBe(etag)
    // A stale ETag gets the whole page again.
    const stale = await fetch(`${siteUrl}${path}`, {headers: {'if-none-match': 'W/"old"'}})
    expect(stale.status).toBe(200)
    expect(await stale.text()).toBe(body)
  }
})

test('a reader with a session gets a private page that no cache keeps', async () => {
  const response = await fetch(`${siteUrl}${ORIGINAL}`, {headers: {cookie: '__session=anything'}})
  expect(response.status).toBe(200)
  expect(response.headers.get('cache-control')).toBe('private, no-store')
  expect(response.headers.get('etag')).toBeNull()
})

test('a 404 is cacheable too; redirects say so', async () => {
  const missing = await fetch(`${siteUrl}/no/such/page/`)
  expect(missing.status).toBe(404)
  expect(missing.headers.get('cache-control')).toMatch(/^public/)
})

test('a published change shows within seconds, with a new ETag (the listen stream, not a timer)', async () => {
  const before = await fetch(`${siteUrl}${ORIGINAL}`)
  const etag = before.headers.get('etag')!
  expect(await before.text()).toContain('Hold On. We Don’t Do That')
  const changed = `${originalPost.title} (updated ${Date.now()})`
  await client.patch(POST_ID).set({title: changed}).commit({visibility: 'sync'})
  const started = Date.now()
  let html = ''
  let response: Response
  do {
    await new Promise((resolve) => setTimeout(resolve, 100))
    response = await fetch(`${siteUrl}${ORIGINAL}`, {headers: {'if-none-match': etag}})
    html = response.status === 200 ? await response.text() : ''
  } while (!html.includes(changed.replace(/&/g, '&amp;')) && Date.now() - started < 5000)
  expect(Date.now() - started).toBeLessThan(5000)
  expect(response.status).toBe(200)
  expect(response.headers.get('etag')).not.toBe(etag)
})

test('a comment approved on one post leaves the other cached pages in the cache, and shows on its post at once', async () => {
  for (const path of [ORIGINAL, OTHER, '/', '/2012/']) await cached(path)
  await saveComment(client, {
    id: COMMENT_ID,
    post: {_id: POST_ID},
    submission: {name: 'Cache reader', email: 'cache@example.com', body: 'A comment the page cache must not hide.', notifyReplies: false, notifyPosts: false},
    status: 'pending',
    spamVerdict: 'ham',
    reasons: [],
    submittedAt: new Date(),
    networkAddressHash: 'hash',
    userAgent: 'E2E',
  })
  await setCommentStatus(client, COMMENT_ID, 'approved', {who: {kind: 'site', task: 'e2e'}})
  await showsSoon(ORIGINAL, 'A comment the page cache must not hide.')
  // The other post, the home page and an archive show nothing of it: they were never evicted.
  for (const path of [OTHER, '/', '/2012/']) expect(await cacheStatus(path), path).toBe('hit')
})

test("a post's new title refreshes the lists that show it; a list without it stays cached", async () => {
  for (const path of ['/', '/2012/', '/2012/07/', '/2013/', OTHER]) await cached(path)
  const title = `E2E caching: renamed ${Date.now()}`
  await client.patch(OTHER_ID).set({title}).commit({visibility: 'sync'})
  for (const path of ['/', '/2012/', '/2012/07/', OTHER]) await showsSoon(path, title)
  expect(await cacheStatus('/2013/')).toBe('hit')
})

test('the post page ships at most 100 KB of JavaScript, gzipped', async () => {
  const html = await (await fetch(`${siteUrl}${ORIGINAL}`)).text()
  const sources = new Set<string>()
  for (const match of html.matchAll(/<(?:script|link)[^>]+(?:src|href)="([^"]+\.js)"/g)) sources.add(match[1]!)
  for (const match of html.matchAll(/import\s*\(?\s*"([^"]+\.js)"/g)) sources.add(match[1]!)
  expect(sources.size).toBeGreaterThan(0)
  let total = 0
  for (const source of sources) {
    const response = await fetch(new URL(source, siteUrl))
    expect(response.status, source).toBe(200)
    total += gzipSync(Buffer.from(await response.arrayBuffer()), {level: 9}).byteLength
  }
  expect(total).toBeLessThanOrEqual(100 * 1024)
})
