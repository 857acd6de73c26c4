import {gzipSync} from 'node:zlib'
import type {SanityClient} from '@sanity/client'
import {afterAll, beforeAll, expect, inject, test} from 'vitest'
import {post as originalPost, POST_ID} from '../../seed/life-in-balance'
import {lakeClient} from '../support/site-content'

const siteUrl = inject('siteUrl')
const ORIGINAL = '/2013/07/25/hold-on-we-dont-do-that-sex-therapy-v-sexual-surrogacy/'

let client: SanityClient

beforeAll(() => {
  client = lakeClient(inject('lakeUrl'), inject('dataDir'))
})

afterAll(async () => {
  await client.patch(POST_ID).set({title: originalPost.title}).commit({visibility: 'sync'})
})

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
