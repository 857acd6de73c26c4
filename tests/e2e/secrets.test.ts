import fs from 'node:fs'
import path from 'node:path'
import {expect, inject, test} from 'vitest'
import {createComment} from '../support/comments-fixture'
import {removeFixturePosts} from '../support/fixture-cleanup'
import {lakeClient} from '../support/site-content'

const siteUrl = inject('siteUrl')
const dataDir = inject('dataDir')
const ROOT = path.resolve(import.meta.dirname, '..', '..')

function* filesIn(dir: string): Generator<string> {
  for (const entry of fs.readdirSync(dir, {withFileTypes: true})) {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) yield* filesIn(full)
    else yield full
  }
}

test('@sanity/client and the lake token stay out of the browser bundle and the page', async () => {
  const token = fs.readFileSync(path.join(dataDir, 'content-lake-token'), 'utf8').trim()
  const bundle = [...filesIn(path.join(ROOT, 'public', 'build'))].map((file) => fs.readFileSync(file, 'utf8')).join('\n')
  expect(bundle.length).toBeGreaterThan(0)
  // Strings only @sanity/client contains.
  expect(bundle).not.toContain('useProjectHostname')
  expect(bundle).not.toContain('apicdn.sanity.io')
  expect(bundle).not.toContain(token)

  const html = await (await fetch(`${siteUrl}/2013/07/25/hold-on-we-dont-do-that-sex-therapy-v-sexual-surrogacy/`)).text()
  expect(html).toContain('Hold On.')
  expect(html).not.toContain(token)
})

test('no secret npm start keeps for the site reaches the bundle or a page', async () => {
  const secrets = ['session-secret', 'comment-webhook-secret'].map((name) => fs.readFileSync(path.join(dataDir, name), 'utf8').trim())
  const bundle = [...filesIn(path.join(ROOT, 'public', 'build'))].map((file) => fs.readFileSync(file, 'utf8')).join('\n')
  const page = await (await fetch(`${siteUrl}/2013/07/25/hold-on-we-dont-do-that-sex-therapy-v-sexual-surrogacy/`)).text()
  for (const secret of secrets) {
    expect(secret.length).toBeGreaterThan(30)
    expect(bundle).not.toContain(secret)
    expect(page).not.toContain(secret)
  }
})

test('a commenter’s email and network address appear in no page, loader data or feed', async () => {
  const lake = lakeClient(inject('lakeUrl'), dataDir)
  const run = Date.now().toString(36)
  const post = {_id: `e2e-secrets-post-${run}`, slug: `e2e-secrets-${run}`}
  await lake.createOrReplace({
    _id: post._id,
    _type: 'post',
    title: 'Privacy check',
    slug: {_type: 'slug', current: post.slug},
    publishedAt: '2012-02-10T12:00:00Z',
  })
  const email = `private-${run}@example.com`
  await createComment(lake, {id: `comment-secrets-${run}`, postId: post._id, status: 'approved', email, name: 'Public Name', body: `Visible words ${run}`})
  await lake
    .patch(`comment-private.comment-secrets-${run}`)
    .set({networkAddressHash: `hash-${run}`})
    .commit()

  const postPath = `/2012/02/10/${post.slug}/`
  const answers = await Promise.all(
    [postPath, `${postPath.replace(/\/$/, '')}.data`, `${postPath}feed/`, '/feed/', '/feed/atom/'].map(
      async (address) => [address, await (await fetch(`${siteUrl}${address}`)).text()] as const,
    ),
  )
  expect(answers[0]![1]).toContain(`Visible words ${run}`)
  expect(answers[1]![1]).toContain(`Visible words ${run}`)
  expect(answers[2]![1]).toContain(`Visible words ${run}`)
  for (const [address, body] of answers) {
    expect(body, address).not.toContain(email)
    expect(body, address).not.toContain(`hash-${run}`)
  }
  await removeFixturePosts(lake, [post._id])
})
