import fs from 'node:fs'
import path from 'node:path'
import type {IdentifiedSanityDocumentStub, SanityClient} from '@sanity/client'
import sharp from 'sharp'
import {createSanityClient} from '../../app/sanity/client.server'

/**
 * Extra content for the site's end-to-end tests, written to the real lake with its token:
 * an author, a category and a dozen posts dated before the original post (so it stays the
 * newest), with tags, legacy addresses and every Portable Text feature.
 */

export const FIXTURE_PREFIX = 'e2e-site-'
export const CATEGORY = {id: `${FIXTURE_PREFIX}category-anxiety`, slug: 'e2e-anxiety', title: 'E2E Anxiety'}
export const AUTHOR = {id: `${FIXTURE_PREFIX}author`, slug: 'e2e-clinician', name: 'E2E Clinician'}
/** Twelve posts, one a month through 2011, all in the category: with the original, 13 posts. */
export const POST_COUNT = 12

export function lakeClient(lakeUrl: string, dataDir: string): SanityClient {
  const token = fs.readFileSync(path.join(dataDir, 'content-lake-token'), 'utf8').trim()
  return createSanityClient(
    {mode: 'local', projectId: 'local', dataset: 'production', apiVersion: '2025-02-19', apiHost: lakeUrl, useProjectHostname: false, useCdn: false},
    token,
  )
}

const span = (key: string, text: string, marks: string[] = []) => ({_type: 'span', _key: key, text, marks})
const block = (key: string, style: string, text: string, extra: Record<string, unknown> = {}) => ({
  _type: 'block',
  _key: key,
  style,
  markDefs: [],
  children: [span(`${key}s`, text)],
  ...extra,
})

export const postSlug = (n: number) => `e2e-post-${String(n).padStart(2, '0')}`
/** Noon UTC on the 15th of month n of 2011: the same calendar day in New York. */
export const postDate = (n: number) => `2011-${String(n).padStart(2, '0')}-15T16:00:00Z`

export async function createSiteFixtures(client: SanityClient): Promise<{imageAssetId: string}> {
  const png = await sharp({create: {width: 1200, height: 800, channels: 3, background: {r: 90, g: 140, b: 120}}})
    .png()
    .toBuffer()
  const asset = await client.assets.upload('image', png, {filename: 'e2e-calm.png'})
  const docs: IdentifiedSanityDocumentStub[] = [
    {
      _id: AUTHOR.id,
      _type: 'author',
      name: AUTHOR.name,
      slug: {_type: 'slug', current: AUTHOR.slug},
      credentials: 'LMFT',
      bio: 'E2E Clinician, LMFT, sees couples in Cranston.',
    },
    {
      _id: CATEGORY.id,
      _type: 'category',
      title: CATEGORY.title,
      slug: {_type: 'slug', current: CATEGORY.slug},
      description: 'Worry, panic and how therapy helps.',
    },
  ]
  for (let n = 1; n <= POST_COUNT; n++) {
    docs.push({
      _id: `${FIXTURE_PREFIX}post-${n}`,
      _type: 'post',
      title: `E2E post ${n}`,
      slug: {_type: 'slug', current: postSlug(n)},
      publishedAt: postDate(n),
      author: {_type: 'reference', _ref: AUTHOR.id},
      categories: [{_type: 'reference', _ref: CATEGORY.id, _key: 'c'}],
      ...(n === 1 ? {tags: ['Sleep Hygiene', 'Worry'], legacyPath: '/?p=4242'} : {}),
      ...(n === 2 ? {legacyPath: '/2010/01/01/an-old-wordpress-name/'} : {}),
      body:
        n === 1
          ? [
              block('a', 'normal', 'A quiet word: zebrafinch appears only in this post.'),
              block('b', 'h2', 'Breathing first'),
              block('c', 'h3', 'Breathing first'),
              block('d', 'blockquote', 'Slow is smooth.'),
              block('e', 'normal', 'Count to four', {listItem: 'bullet', level: 1}),
              block('f', 'normal', 'Hold for four', {listItem: 'bullet', level: 1}),
              block('g', 'normal', 'Then rest', {listItem: 'number', level: 1}),
              {
                _type: 'block',
                _key: 'h',
                style: 'normal',
                markDefs: [
                  {_type: 'link', _key: 'ext', href: 'https://example.org/breathing'},
                  {_type: 'internalLink', _key: 'int', reference: {_type: 'reference', _ref: `${FIXTURE_PREFIX}post-2`}},
                  {_type: 'link', _key: 'bad', href: 'javascript:alert(1)'},
                ],
                children: [
                  span('h1', 'outside', ['ext']),
                  span('h2', ' and '),
                  span('h3', 'inside', ['int']),
                  span('h4', ' and '),
                  span('h5', 'never', ['bad']),
                ],
              },
              {_type: 'image', _key: 'i', asset: {_type: 'reference', _ref: asset._id}, alt: 'A calm green square', caption: 'Green is calming.'},
            ]
          : [block('a', 'normal', `Post number ${n} of the fixtures.`)],
    })
  }
  const transaction = client.transaction()
  for (const doc of docs) transaction.createOrReplace(doc)
  await transaction.commit({visibility: 'sync'})
  return {imageAssetId: asset._id}
}

export async function removeSiteFixtures(client: SanityClient): Promise<void> {
  // Posts first: they refer to the author and the category.
  await client.delete({query: '*[string::startsWith(_id, $prefix) && _type == "post"]', params: {prefix: FIXTURE_PREFIX}})
  await client.delete({query: '*[string::startsWith(_id, $prefix)]', params: {prefix: FIXTURE_PREFIX}})
}
