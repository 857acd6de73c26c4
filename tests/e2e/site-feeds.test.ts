import type {SanityClient} from '@sanity/client'
import type {Browser, Page} from 'playwright-core'
import {afterAll, beforeAll, expect, inject, test} from 'vitest'
import {post as originalPost} from '../../seed/life-in-balance'
import {launchBrowser} from '../support/browser'
import {createSiteFixtures, FIXTURE_PREFIX, lakeClient, postSlug, removeSiteFixtures} from '../support/site-content'
import {saveComment} from '~/sanity/comments.server'

const siteUrl = inject('siteUrl')
const ORIGINAL = '/2013/07/25/hold-on-we-dont-do-that-sex-therapy-v-sexual-surrogacy/'
const FIXTURE_1 = `/2011/01/15/${postSlug(1)}/`

let client: SanityClient
let browser: Browser
let page: Page

const COMMENTS = [
  [1, 'approved'],
  [2, 'approved'],
  [3, 'pending'],
  [4, 'spam'],
] as const
const commentId = (n: number) => `${FIXTURE_PREFIX}comment-${n}`

/** A comment on the first fixture post, stored by the site's own comment store. */
const storeComment = (n: number, status: (typeof COMMENTS)[number][1]) =>
  saveComment(client, {
    id: commentId(n),
    post: {_id: `${FIXTURE_PREFIX}post-1`},
    submission: {
      name: `Reader ${n} <b>&</b>`,
      email: `reader${n}@example.com`,
      body: `Comment ${n} says “thank you” & more`,
      notifyReplies: false,
      notifyPosts: false,
    },
    status,
    spamVerdict: 'ham',
    reasons: [],
    submittedAt: new Date(`2011-02-0${n}T12:00:00Z`),
    networkAddressHash: 'hash',
    userAgent: 'E2E',
  })
const removeComments = () =>
  client.delete({query: '*[_id in $ids]', params: {ids: COMMENTS.flatMap(([n]) => [commentId(n), `comment-private.${commentId(n)}`])}})

beforeAll(async () => {
  client = lakeClient(inject('lakeUrl'), inject('dataDir'))
  await removeSiteFixtures(client)
  await createSiteFixtures(client)
  await removeComments()
  for (const [n, status] of COMMENTS) await storeComment(n, status)
  browser = await launchBrowser()
  page = await browser.newPage()
})

afterAll(async () => {
  await browser?.close()
  await removeComments()
  await removeSiteFixtures(client)
})

/** Parses XML with Chromium's own XML parser: a well-formedness error fails the test. */
async function parseXml(path: string, contentType: RegExp) {
  const response = await fetch(`${siteUrl}${path}`)
  expect(response.status, path).toBe(200)
  expect(response.headers.get('content-type')).toMatch(contentType)
  const xml = await response.text()
  await page.goto('about:blank')
  const parsed = await page.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, 'application/xml')
    const error = doc.getElementsByTagName('parsererror')[0]
    return {error: error?.textContent ?? null, root: doc.documentElement.localName, namespace: doc.documentElement.namespaceURI}
  }, xml)
  expect(parsed.error, `${path} is not well-formed XML`).toBeNull()
  return {xml, ...parsed}
}

/**
 * Text of every element with this local name, in document order, via Chromium's parser; RSS's
 * own elements have no namespace (so `atom:link` is not a `link`), modules' have theirs.
 */
async function texts(xml: string, name: string, namespace = '*'): Promise<string[]> {
  return page.evaluate(
    ([text, localName, ns]) => {
      const doc = new DOMParser().parseFromString(text!, 'application/xml')
      return [...doc.getElementsByTagNameNS(ns === '' ? null : ns!, localName!)].map((node) => node.textContent ?? '')
    },
    [xml, name, namespace],
  )
}

test('RSS 2.0 at /feed/: the ten newest posts, newest first, with full text and absolute links', async () => {
  const {xml, root} = await parseXml('/feed/', /^application\/rss\+xml/)
  expect(root).toBe('rss')
  const links = await texts(xml, 'link', '')
  expect(links[0]).toBe(`${siteUrl}/`)
  const itemLinks = links.slice(1)
  expect(itemLinks).toHaveLength(10)
  expect(itemLinks[0]).toBe(`${siteUrl}${ORIGINAL}`)
  expect(itemLinks[1]).toBe(`${siteUrl}/2011/12/15/${postSlug(12)}/`)
  expect((await texts(xml, 'title'))[1]).toBe(originalPost.title)
  const content = (await texts(xml, 'encoded'))[0]!
  expect(content).toContain('<h2 id="so-what-s-the-difference">')
  expect(content).toContain('href="https://www.goodtherapy.org/')
  expect((await texts(xml, 'creator'))[0]).toBe('Dr. Jami Wilder')
  expect((await texts(xml, 'pubDate'))[0]).toBe('Thu, 25 Jul 2013 13:00:00 GMT')
})

test('Atom at /feed/atom/: the same posts as entries, internal links made absolute', async () => {
  const {xml, root, namespace} = await parseXml('/feed/atom/', /^application\/atom\+xml/)
  expect([root, namespace]).toEqual(['feed', 'http://www.w3.org/2005/Atom'])
  const ids = await texts(xml, 'id')
  expect(ids[0]).toBe(`${siteUrl}/feed/atom/`)
  expect(ids.slice(1)).toHaveLength(10)
  expect(ids[1]).toBe(`${siteUrl}${ORIGINAL}`)
  // Fixtures 10, 11 and 12 are in the newest ten; the post with the internal link is not.
  await client.patch(`${FIXTURE_PREFIX}post-1`).set({publishedAt: '2012-06-01T16:00:00Z'}).commit({visibility: 'sync'})
  try {
    const {xml: moved} = await parseXml('/feed/atom/', /^application\/atom\+xml/)
    const contents = await texts(moved, 'content')
    const withLink = contents.find((html) => html.includes('inside'))!
    expect(withLink).toContain(`<a href="${siteUrl}/2011/02/15/${postSlug(2)}/">inside</a>`)
  } finally {
    await client.patch(`${FIXTURE_PREFIX}post-1`).set({publishedAt: '2011-01-15T16:00:00Z'}).commit({visibility: 'sync'})
  }
})

test('a post’s comment feed lists its approved comments only, names and words escaped, no emails', async () => {
  const {xml, root} = await parseXml(`${FIXTURE_1}feed/`, /^application\/rss\+xml/)
  expect(root).toBe('rss')
  expect((await texts(xml, 'title')).slice(1)).toEqual(['By: Reader 2 <b>&</b>', 'By: Reader 1 <b>&</b>'])
  expect(await texts(xml, 'description')).toContain('Comment 1 says “thank you” & more')
  expect(xml).not.toContain('Comment 3')
  expect(xml).not.toContain('Comment 4')
  expect(xml).not.toContain('reader1@example.com')
  expect(xml).not.toContain('<b>')
  expect((await texts(xml, 'link', '')).slice(1)).toEqual([
    `${siteUrl}${FIXTURE_1}#${FIXTURE_PREFIX}comment-2`,
    `${siteUrl}${FIXTURE_1}#${FIXTURE_PREFIX}comment-1`,
  ])
  // A post without comments has an empty, valid feed; an unknown post has none.
  const empty = await parseXml(`${ORIGINAL}feed/`, /^application\/rss\+xml/)
  expect(await texts(empty.xml, 'item')).toEqual([])
  expect((await fetch(`${siteUrl}/2013/07/25/no-such-post/feed/`)).status).toBe(404)
  const wrongDate = await fetch(`${siteUrl}/2011/01/16/${postSlug(1)}/feed/`, {redirect: 'manual'})
  expect([wrongDate.status, wrongDate.headers.get('location')]).toEqual([301, `${FIXTURE_1}feed/`])
})

test('sitemap.xml is an index of the archives sitemap and the posts sitemaps; robots.txt points to it', async () => {
  const index = await parseXml('/sitemap.xml', /^application\/xml/)
  expect([index.root, index.namespace]).toEqual(['sitemapindex', 'http://www.sitemaps.org/schemas/sitemap/0.9'])
  // 13 posts: one posts sitemap.
  expect(await texts(index.xml, 'loc')).toEqual([`${siteUrl}/sitemap/archives.xml`, `${siteUrl}/sitemap/posts-1.xml`])

  const archives = await parseXml('/sitemap/archives.xml', /^application\/xml/)
  expect(archives.root).toBe('urlset')
  const archiveLocs = await texts(archives.xml, 'loc')
  expect(archiveLocs[0]).toBe(`${siteUrl}/`)
  expect(archiveLocs).toContain(`${siteUrl}/category/sexual-health/`)
  expect(archiveLocs).toContain(`${siteUrl}/tag/sleep-hygiene/`)
  expect(archiveLocs).toContain(`${siteUrl}/author/jami-wilder/`)

  const posts = await parseXml('/sitemap/posts-1.xml', /^application\/xml/)
  expect(posts.root).toBe('urlset')
  const postLocs = await texts(posts.xml, 'loc')
  // Oldest first, so a new post only ever changes the last posts sitemap.
  expect(postLocs).toHaveLength(13)
  expect(postLocs.every((loc) => /^http.*\/\d{4}\/\d{2}\/\d{2}\/[^/]+\/$/.test(loc))).toBe(true)
  expect(postLocs).toContain(`${siteUrl}${ORIGINAL}`)
  expect(postLocs.indexOf(`${siteUrl}${FIXTURE_1}`)).toBeLessThan(postLocs.indexOf(`${siteUrl}${ORIGINAL}`))
  expect(await texts(posts.xml, 'lastmod')).toHaveLength(13)
  // Past the last posts sitemap, and anything else under /sitemap/, there is none.
  for (const missing of ['/sitemap/posts-2.xml', '/sitemap/posts-0.xml', '/sitemap/other.xml'])
    expect((await fetch(`${siteUrl}${missing}`)).status, missing).toBe(404)

  const robots = await fetch(`${siteUrl}/robots.txt`)
  expect(robots.headers.get('content-type')).toMatch(/^text\/plain/)
  const text = await robots.text()
  expect(text).toContain('User-agent: *')
  expect(text).toContain(`Sitemap: ${siteUrl}/sitemap.xml`)
})

test('every page links its feeds; the post page carries JSON-LD BlogPosting with the author as Person', async () => {
  await page.goto(`${siteUrl}${ORIGINAL}`)
  const hrefs = (type: string) => page.locator(`link[rel="alternate"][type="${type}"]`).evaluateAll((links) => links.map((link) => link.getAttribute('href')))
  // The posts' feeds, then the whole blog's comments (WordPress's /comments/feed/).
  expect(await hrefs('application/rss+xml')).toEqual(['/feed/', '/comments/feed/'])
  expect(await hrefs('application/atom+xml')).toEqual(['/feed/atom/', '/comments/feed/atom/'])
  expect(await page.locator('link[rel="canonical"]').getAttribute('href')).toBe(`${siteUrl}${ORIGINAL}`)
  expect(await page.locator('meta[property="og:type"]').getAttribute('content')).toBe('article')
  expect(await page.locator('meta[name="twitter:card"]').getAttribute('content')).toBe('summary')
  const jsonLd = JSON.parse((await page.locator('script[type="application/ld+json"]').textContent())!)
  expect(jsonLd).toMatchObject({
    '@context': 'https://schema.org',
    '@type': 'BlogPosting',
    headline: originalPost.title,
    datePublished: '2013-07-25T13:00:00Z',
    author: {'@type': 'Person', name: 'Dr. Jami Wilder', url: `${siteUrl}/author/jami-wilder/`},
    mainEntityOfPage: `${siteUrl}${ORIGINAL}`,
  })
})
