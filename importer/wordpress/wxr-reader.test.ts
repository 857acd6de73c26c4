import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {expect, test} from 'vitest'
import {readWxr, WxrError} from './wxr-reader'
import type {WxrRecord} from './wxr-records'

const fixture = (name: string) => path.join(import.meta.dirname, 'fixtures', name)

async function records(file: string): Promise<WxrRecord[]> {
  const all: WxrRecord[] = []
  await readWxr(file, (record) => void all.push(record))
  return all
}

function temporaryExport(text: string): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'wxr-')), 'export.xml')
  fs.writeFileSync(file, text)
  return file
}

test('reads the site, authors, terms and items in file order, with their comments and meta', async () => {
  const all = await records(fixture('practice.wordpress.xml'))
  expect(all[0]).toMatchObject({kind: 'site', title: 'Calm Harbor & Co.', wxrVersion: '1.2', baseBlogUrl: 'https://practice.example'})
  expect(all.filter((record) => record.kind === 'author')).toEqual([
    expect.objectContaining({login: 'sam', email: 'sam@practice.example', displayName: 'Sam Ortega, LMFT', id: '3'}),
  ])
  expect(all.filter((record) => record.kind === 'category').map((record) => record.kind === 'category' && [record.slug, record.parent])).toEqual([
    ['anxiety', ''],
    ['sleep', 'anxiety'],
  ])
  const post = all.find((record) => record.kind === 'item' && record.id === '10')
  if (post?.kind !== 'item') throw new Error('post 10 missing')
  expect(post).toMatchObject({title: 'First Steps: When Worry “Takes Over” & What Helps', slug: 'first-steps', status: 'publish', sticky: '1', line: 54})
  expect(post.comments.map((comment) => [comment.id, comment.parent, comment.approved, comment.type])).toEqual([
    ['101', '0', '1', 'comment'],
    ['102', '101', '1', ''],
    ['103', '102', '1', 'comment'],
    ['104', '103', '1', 'comment'],
    ['105', '0', '0', 'comment'],
    ['106', '0', 'spam', 'comment'],
    ['107', '0', 'trash', 'comment'],
    ['108', '0', '1', 'pingback'],
    ['109', '0', '1', 'trackback'],
  ])
  expect(post.meta).toContainEqual({key: '_wp_old_slug', value: 'worry-first-steps'})
  expect(post.content).toContain('\n\n<h2>What worry feels like</h2>')
})

test('a file that is not well-formed is an error naming the line', async () => {
  await expect(records(fixture('broken.wordpress.xml'))).rejects.toThrow(new WxrError('Not well-formed XML: unexpected close tag.', 16))
})

test('XML that is not a WordPress export, or of a version we do not read, is refused', async () => {
  await expect(records(temporaryExport('<?xml version="1.0"?>\n<html><body/></html>'))).rejects.toThrow(/not <rss> \(line 2\)/)
  await expect(records(temporaryExport('<rss><channel><title>x</title><wp:wxr_version>2.0</wp:wxr_version><item/></channel></rss>'))).rejects.toThrow(
    /version 2.0 is not one this importer reads/,
  )
  await expect(records(temporaryExport('<rss><channel><title>x</title><item/></channel></rss>'))).rejects.toThrow(/no <wp:wxr_version>/)
  await expect(records(temporaryExport(''))).rejects.toThrow(/empty/)
})
