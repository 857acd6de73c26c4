import fs from 'node:fs'
import http from 'node:http'
import type {AddressInfo} from 'node:net'
import os from 'node:os'
import path from 'node:path'
import {afterAll, beforeAll, beforeEach, expect, test} from 'vitest'
import {startLakeProcess, type LakeProcess} from '../../content-lake/test/lake-process'
import {hasApprovedComment} from '~/sanity/comments.server'
import {hashNetworkAddress} from '~/security/network-address.server'
import {derivedKeys} from '~/security/keys.server'
import {importWordPress, type ImportOptions} from './import-wordpress'
import {WxrError} from './wxr-reader'

const FIXTURES = path.join(import.meta.dirname, 'fixtures')
const PRACTICE = path.join(FIXTURES, 'practice.wordpress.xml')
const keys = derivedKeys('network-address-hash', ['an-import-test-secret-of-32-characters-or-more'])
const hashAddress = (address: string) => hashNetworkAddress(address, keys)

let lake: LakeProcess

beforeAll(async () => {
  lake = await startLakeProcess()
})
afterAll(async () => {
  await lake.stop()
})
beforeEach(async () => {
  const ids = await lake.client().fetch<string[]>('*[!(_type match "sanity.*")]._id', {}, {perspective: 'raw'})
  const transaction = lake.client().transaction()
  for (const id of ids) transaction.delete(id)
  if (ids.length > 0) await transaction.commit({visibility: 'sync'})
})

const run = (options: Partial<ImportOptions> = {}) =>
  importWordPress({file: PRACTICE, client: lake.client(), mediaFolder: path.join(FIXTURES, 'uploads'), download: false, hashAddress, ...options})
const everything = () => lake.client().fetch<Record<string, unknown>[]>('*[!(_type match "sanity.*")] | order(_id)', {}, {perspective: 'raw'})
const get = (id: string) => lake.client().getDocument(id)

test('posts: title, slug, GMT date, author, categories, tags, sticky, comment status, featured image, old addresses', async () => {
  const report = await run()
  expect(report.counted('post', 'published')).toBe(2)
  const post = await get('wp-post-10')
  expect(post).toMatchObject({
    _type: 'post',
    title: 'First Steps: When Worry “Takes Over” & What Helps',
    slug: {current: 'first-steps'},
    publishedAt: '2015-03-14T14:00:00Z',
    author: {_ref: 'wp-author-sam'},
    categories: [{_ref: 'wp-category-anxiety'}],
    tags: ['Breathing'],
    sticky: true,
    commentsOpen: true,
    mainImage: {asset: {_ref: expect.stringMatching(/^image-/)}, alt: 'A green couch by a window', caption: 'Our waiting room'},
    legacyPaths: [
      '/2015/03/first-steps/',
      '/?p=10',
      '/2015/03/worry-first-steps/',
      '/2015/03/first-steps/couch/',
      '/?attachment_id=20',
      '/2015/03/first-steps/garden/',
      '/?attachment_id=21',
    ],
  })
  expect(await get('wp-post-11')).toMatchObject({commentsOpen: false, categories: [{_ref: 'wp-category-sleep'}, {_ref: 'wp-category-uncatalogued'}]})
  expect(await get('wp-category-uncatalogued')).toMatchObject({title: 'Uncatalogued'})
})

test('drafts, scheduled and private posts come in as drafts; trash is skipped and listed', async () => {
  const report = await run()
  for (const id of ['wp-post-12', 'wp-post-13', 'wp-post-14']) {
    expect(await get(id), id).toBeUndefined()
    expect(await get(`drafts.${id}`), id).toBeDefined()
  }
  // A draft never scheduled has only its local date: read in the blog's time zone (New York by default).
  expect(await get('drafts.wp-post-12')).toMatchObject({slug: {current: 'a-draft'}, publishedAt: '2016-02-01T14:00:00Z'})
  expect(await get('wp-post-15')).toBeUndefined()
  expect([
    report.counted('post', 'draft'),
    report.counted('post', 'scheduled'),
    report.counted('post', 'private'),
    report.counted('post', 'trash (skipped)'),
  ]).toEqual([1, 1, 1, 1])
  expect(report.format({dryRun: false})).toContain('Post 15 “Thrown away” (line 251): status "trash" is not content to import: skipped')
})

test('pages with their parents; authors, categories with slugs and descriptions, no email on anything public', async () => {
  await run()
  expect(await get('wp-page-31')).toMatchObject({
    _type: 'page',
    title: 'Our team',
    slug: {current: 'team'},
    parent: {_ref: 'wp-page-30'},
    legacyPaths: ['/about/team/', '/?page_id=31'],
  })
  expect(await get('wp-author-sam')).toMatchObject({name: 'Sam Ortega, LMFT', slug: {current: 'sam'}})
  expect(await get('wp-category-anxiety')).toMatchObject({title: 'Anxiety', slug: {current: 'anxiety'}, description: 'Worry, panic and what helps.'})
  expect((await get('wp-category-anxiety'))!.parent).toBeUndefined()
  expect(await get('wp-category-sleep')).toMatchObject({title: 'Sleep', parent: {_type: 'reference', _ref: 'wp-category-anxiety', _weak: true}})
  expect(await get('siteSettings')).toMatchObject({title: 'Calm Harbor & Co.', tagline: 'Notes from a counselling practice'})
  const publicText = JSON.stringify(await lake.client({token: null}).fetch('*', {}, {perspective: 'published'}))
  for (const email of ['sam@practice.example', 'riley@example.com', 'harper@example.com']) expect(publicText).not.toContain(email)
})

test('tags: every tag of the export has a document with its slug and description; posts keep their tags as words', async () => {
  const report = await run()
  expect(await lake.client().fetch('*[_type == "tag"] | order(_id){_id, title, "slug": slug.current, description}')).toEqual([
    {_id: 'wp-tag-breathing', title: 'Breathing', slug: 'breathing', description: 'Exercises for the breath'},
    // Used by a post but missing from the export's list of tags.
    {_id: 'wp-tag-wind-down', title: 'Wind down', slug: 'wind-down', description: null},
  ])
  expect(report.counted('tag', 'imported')).toBe(2)
  expect(report.format({dryRun: false})).not.toMatch(/not kept/)
  expect((await get('wp-post-10'))!.tags).toEqual(['Breathing'])
})

test('comments: threads, every status, the text shown, author replies marked, private details as the site stores them', async () => {
  const report = await run()
  const comments = await lake
    .client()
    .fetch<Record<string, unknown>[]>(
      '*[_type == "comment"] | order(_id){_id, status, "parent": parent._ref, "post": post._ref, authorName, authorWebsite, body, byPostAuthor, submittedAt, provider}',
    )
  expect(comments.map((comment) => [comment._id, comment.status, comment.parent, comment.byPostAuthor])).toEqual([
    ['comment-private.comment-101', 'approved', null, null],
    ['comment-private.comment-102', 'approved', 'comment-private.comment-101', true],
    ['comment-private.comment-103', 'approved', 'comment-private.comment-102', null],
    ['comment-private.comment-104', 'approved', 'comment-private.comment-103', true],
    ['comment-private.comment-105', 'pending', null, null],
    ['comment-private.comment-106', 'spam', null, null],
    ['comment-private.comment-107', 'trash', null, null],
  ])
  // Only the approved ones are public, under the comment's own id (its anchor).
  expect(await lake.client({token: null}).fetch('*[_type == "publicComment"] | order(_id){_id, "parent": parent._ref}')).toEqual([
    {_id: 'comment-101', parent: null},
    {_id: 'comment-102', parent: 'comment-101'},
    {_id: 'comment-103', parent: 'comment-102'},
    {_id: 'comment-104', parent: 'comment-103'},
  ])
  expect(comments[0]).toMatchObject({
    post: 'wp-post-10',
    authorName: 'Riley',
    authorWebsite: 'https://riley.example',
    body: 'This helped me & my partner.\n\nThank you!',
    submittedAt: '2015-03-15T12:00:00.000Z',
    provider: 'guest',
  })
  expect(await get('comment-private.comment-105')).toMatchObject({
    email: 'harper@example.com',
    networkAddressHash: hashAddress('2001:db8::1'),
    notifyReplies: false,
    notifyPosts: false,
  })
  expect([report.counted('comment', 'pingback (skipped)'), report.counted('comment', 'trackback (skipped)'), report.counted('comment', 'held')]).toEqual([
    1, 1, 1,
  ])
  // Nobody is subscribed by an import.
  expect(await lake.client().fetch('count(*[_type == "comment" && (notifyReplies || notifyPosts)])')).toBe(0)
  // Riley comes back: recognised as a returning commenter, as a guest the site approved before.
  const submission = {name: 'Riley', email: 'RILEY@example.com', body: 'Hi again', notifyReplies: false, notifyPosts: false, saveDetails: false}
  expect(await hasApprovedComment(lake.client(), submission)).toBe(true)
  expect(await hasApprovedComment(lake.client(), {...submission, email: 'harper@example.com', name: 'Held Harper'})).toBe(false)
})

test('media: images from the uploads folder become assets (resized copies found by their original); missing ones are listed and the post still imports', async () => {
  const report = await run()
  expect(await lake.client().fetch('count(*[_type == "sanity.imageAsset"])')).toBe(2)
  const body = (await get('wp-post-10'))!.body as {_type: string; caption?: string; images?: unknown[]}[]
  expect(body.filter((block) => block._type === 'image').map((block) => block.caption)).toEqual(['Our waiting room, in spring'])
  expect(body.find((block) => block._type === 'gallery')?.images).toHaveLength(2)
  expect(report.format({dryRun: false})).toContain('image https://elsewhere.example/missing.jpg not found in the media folder')
})

test('media by download where the network allows', async () => {
  const server = http.createServer((request, response) => {
    const file = path.join(FIXTURES, 'uploads', (request.url ?? '').replace('/wp-content/uploads/', ''))
    if (!fs.existsSync(file)) return void response.writeHead(404).end()
    response.writeHead(200, {'content-type': 'image/png'}).end(fs.readFileSync(file))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'wxr-')), 'export.xml')
  fs.writeFileSync(
    file,
    fs
      .readFileSync(PRACTICE, 'utf8')
      .replaceAll('https://practice.example/wp-content/uploads/2015/03/garden-300x400.png', `${origin}/wp-content/uploads/2015/03/garden.png`),
  )
  try {
    await run({file, mediaFolder: undefined, download: true})
  } finally {
    server.close()
  }
  expect((await get('wp-post-11'))!.body).toContainEqual(
    expect.objectContaining({_type: 'image', caption: 'The garden', asset: {_type: 'reference', _ref: expect.stringMatching(/^image-/)}}),
  )
})

test('idempotent: a second run changes nothing', async () => {
  await run()
  const first = await everything()
  const report = await run()
  expect(await everything()).toEqual(first)
  expect([report.written('created'), report.written('updated'), report.written('kept')]).toEqual([0, 0, 0])
  expect(report.written('unchanged')).toBe(first.length)
})

test('an editor’s change survives a re-run, unless --overwrite', async () => {
  await run()
  await lake.client().patch('wp-post-10').set({title: 'Edited in Studio'}).commit({visibility: 'sync'})
  const again = await run()
  expect((await get('wp-post-10'))!.title).toBe('Edited in Studio')
  expect(again.written('kept')).toBe(1)
  const overwritten = await run({overwrite: true})
  expect((await get('wp-post-10'))!.title).toBe('First Steps: When Worry “Takes Over” & What Helps')
  expect(overwritten.written('updated')).toBe(1)
})

test('--dry-run writes nothing and reports the same as the real run', async () => {
  const lakeBefore = await lake.client().fetch('*[] | order(_id){_id, _rev}', {}, {perspective: 'raw'})
  const dry = await run({dryRun: true, file: path.join(FIXTURES, 'practice.wordpress.xml')})
  expect(await lake.client().fetch('*[] | order(_id){_id, _rev}', {}, {perspective: 'raw'})).toEqual(lakeBefore)
  const real = await run()
  const body = (text: string) => text.split('\n').slice(1).join('\n').replace('Documents that would be:', 'Documents:')
  expect(body(dry.format({dryRun: true}))).toBe(body(real.format({dryRun: false})))
  expect(real.written('created')).toBeGreaterThan(20)
})

test('a broken file is an error naming its line, and nothing is written', async () => {
  await expect(run({file: path.join(FIXTURES, 'broken.wordpress.xml')})).rejects.toThrow(WxrError)
  await expect(run({file: path.join(FIXTURES, 'broken.wordpress.xml')})).rejects.toThrow(/line 16/)
  expect(await everything()).toEqual([])
})
