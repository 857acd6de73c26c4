import fs from 'node:fs'
import path from 'node:path'
import * as tar from 'tar'
import {afterEach, beforeAll, describe, expect, test} from 'vitest'
import {runCli, type CliResult} from '../../test/cli-process'
import {halvesPng} from '../../test/images'
import {startLakeProcess, temporaryDataDir, type LakeProcess} from '../../test/lake-process'
import {storedDocuments} from '../../test/stored-documents'
import type {SanityDocument} from '../types'

// The import, export and reset commands, run as processes the way a user runs them.

let running: LakeProcess | undefined

afterEach(async () => {
  await running?.stop()
  running = undefined
})

function succeeded(result: CliResult): CliResult {
  expect(result.stderr).toBe('')
  expect(result.code).toBe(0)
  return result
}

function writeNdjson(file: string, lines: unknown[]): string {
  fs.mkdirSync(path.dirname(file), {recursive: true})
  fs.writeFileSync(file, `${lines.map((line) => (typeof line === 'string' ? line : JSON.stringify(line))).join('\n')}\n`)
  return file
}

function readNdjson(file: string): SanityDocument[] {
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as SanityDocument)
}

async function unpack(archive: string): Promise<string> {
  const dir = temporaryDataDir()
  await tar.x({file: archive, cwd: dir})
  return dir
}

function ids(documents: SanityDocument[]): string[] {
  return documents.map((document) => document._id).sort()
}

const IMAGE = await halvesPng(40, 20)
const NOTES = Buffer.from('Session notes, kept as a file asset.\n')

interface Seeded {
  dataDir: string
  imageId: string
  imageSha1: string
  fileSha1: string
}

/** A dataset with a post (image and file fields), its draft, its author and a private document. */
async function seedDataset(): Promise<Seeded> {
  const lake = await startLakeProcess()
  try {
    const client = lake.client()
    const image = await client.assets.upload('image', IMAGE, {filename: 'halves.png', title: 'Red and blue'})
    const file = await client.assets.upload('file', NOTES, {filename: 'notes.txt'})
    await client
      .transaction()
      .create({
        _id: 'post-1',
        _type: 'post',
        title: 'Hold on',
        author: {_type: 'reference', _ref: 'author-1'},
        mainImage: {_type: 'image', alt: 'Red and blue halves', asset: {_type: 'reference', _ref: image._id}},
        gallery: [{_key: 'k1', _type: 'image', asset: {_type: 'reference', _ref: image._id}}],
        attachment: {_type: 'file', asset: {_type: 'reference', _ref: file._id}},
      })
      .create({_id: 'drafts.post-1', _type: 'post', title: 'Hold on (draft)', author: {_type: 'reference', _ref: 'author-1'}})
      .create({_id: 'author-1', _type: 'author', name: 'Wilder'})
      .create({_id: 'private.contact-1', _type: 'contact', email: 'reader@example.com'})
      .commit()
    return {dataDir: lake.dataDir, imageId: image._id, imageSha1: String(image.sha1hash), fileSha1: String(file.sha1hash)}
  } finally {
    await lake.stop()
  }
}

function withoutRevision({_rev, ...document}: SanityDocument): Omit<SanityDocument, '_rev'> {
  return document
}

const isAsset = (document: SanityDocument) => document._type.startsWith('sanity.') && document._type.endsWith('Asset')

describe('with a seeded dataset', () => {
  let seeded: Seeded
  beforeAll(async () => {
    seeded = await seedDataset()
  })

  test('export, reset and import give back the same documents, drafts, private documents and asset bytes', async () => {
    const {dataDir, imageSha1, fileSha1} = seeded
    const copy = temporaryDataDir()
    fs.cpSync(dataDir, copy, {recursive: true})
    const before = await storedDocuments(copy)
    const imageFile = path.join(copy, 'assets', 'production', `${imageSha1}.png`)
    const archive = path.join(temporaryDataDir(), 'dump.tar.gz')

    expect(succeeded(await runCli(['export', archive], copy)).stdout).toContain('4 document(s), 2 asset file(s)')
    // The layout of `sanity dataset export`, asset fields rewritten, asset documents left out.
    const unpacked = await unpack(archive)
    expect(fs.readdirSync(path.join(unpacked, 'dump')).sort()).toEqual(['assets.json', 'data.ndjson', 'files', 'images'])
    expect(fs.readFileSync(path.join(unpacked, 'dump', 'images', `${imageSha1}-40x20.png`))).toEqual(IMAGE)
    expect(fs.readFileSync(path.join(unpacked, 'dump', 'files', `${fileSha1}.txt`))).toEqual(NOTES)
    const exported = readNdjson(path.join(unpacked, 'dump', 'data.ndjson'))
    expect(ids(exported)).toEqual(['author-1', 'drafts.post-1', 'post-1', 'private.contact-1'])
    expect(exported.find((document) => document._id === 'post-1')?.mainImage).toEqual({
      _sanityAsset: `image@file://./images/${imageSha1}-40x20.png`,
      _type: 'image',
      alt: 'Red and blue halves',
    })

    expect(succeeded(await runCli(['reset', '--yes'], copy)).stdout).toContain('Deleted dataset "production"')
    expect(fs.existsSync(path.join(copy, 'production.sqlite'))).toBe(false)
    expect(fs.existsSync(imageFile)).toBe(false)
    expect(await storedDocuments(copy)).toEqual([])

    const imported = succeeded(await runCli(['import', archive], copy))
    expect(imported.stdout).toContain('4 document(s) written, 0 skipped as already present, 2 asset file(s) imported')
    const after = await storedDocuments(copy)
    expect(after.filter((document) => !isAsset(document)).map(withoutRevision)).toEqual(before.filter((document) => !isAsset(document)).map(withoutRevision))
    // Asset documents are made anew from the bytes, keeping what assets.json carries.
    const assetFields = (document: SanityDocument) => ({
      _id: document._id,
      originalFilename: document.originalFilename,
      title: document.title,
      sha1hash: document.sha1hash,
      size: document.size,
      mimeType: document.mimeType,
      metadata: document.metadata,
    })
    expect(after.filter(isAsset).map(assetFields)).toEqual(before.filter(isAsset).map(assetFields))
    expect(fs.readFileSync(imageFile)).toEqual(IMAGE)

    running = await startLakeProcess(copy)
    const served = await fetch(`${running.url}/images/local/production/${imageSha1}-40x20.png`)
    expect(served.status).toBe(200)
    expect(Buffer.from(await served.arrayBuffer())).toEqual(IMAGE)
  })

  test('--types and --no-drafts select documents; --no-assets and --raw treat assets as Sanity does', async () => {
    const {dataDir, imageId, imageSha1} = seeded
    const out = temporaryDataDir()

    succeeded(await runCli(['export', path.join(out, 'posts.tar.gz'), '--types', 'post', '--no-drafts'], dataDir))
    const posts = await unpack(path.join(out, 'posts.tar.gz'))
    expect(ids(readNdjson(path.join(posts, 'posts', 'data.ndjson')))).toEqual(['post-1'])
    // The post's image goes along even though asset documents are not among the types.
    expect(fs.existsSync(path.join(posts, 'posts', 'images', `${imageSha1}-40x20.png`))).toBe(true)

    succeeded(await runCli(['export', path.join(out, 'people.ndjson'), '--types', 'author,contact'], dataDir))
    expect(ids(readNdjson(path.join(out, 'people.ndjson')))).toEqual(['author-1', 'private.contact-1'])

    succeeded(await runCli(['export', path.join(out, 'no-assets.ndjson'), '--no-assets'], dataDir))
    const withoutAssets = readNdjson(path.join(out, 'no-assets.ndjson'))
    expect(ids(withoutAssets)).toEqual(['author-1', 'drafts.post-1', 'post-1', 'private.contact-1'])
    const post = withoutAssets.find((document) => document._id === 'post-1')!
    expect(Object.keys(post)).not.toContain('mainImage')
    expect(Object.keys(post)).not.toContain('attachment')
    expect(post.gallery).toEqual([])

    succeeded(await runCli(['export', path.join(out, 'raw.ndjson'), '--raw', '--no-drafts'], dataDir))
    const raw = readNdjson(path.join(out, 'raw.ndjson'))
    expect(ids(raw)).toContain(imageId)
    expect(ids(raw)).not.toContain('drafts.post-1')
    expect(raw.find((document) => document._id === 'post-1')?.mainImage).toMatchObject({asset: {_ref: imageId}})

    // Plain NDJSON cannot carry the files.
    const refused = await runCli(['export', path.join(out, 'all.ndjson')], dataDir)
    expect(refused.code).toBe(1)
    expect(refused.stderr).toMatch(/\.tar\.gz/)
    expect(fs.existsSync(path.join(out, 'all.ndjson'))).toBe(false)
  })
})

test('by default an import fails on existing ids; --missing skips them and --replace overwrites them', async () => {
  const dataDir = temporaryDataDir()
  const files = temporaryDataDir()
  const first = writeNdjson(path.join(files, 'first.ndjson'), [
    {_id: 'a', _type: 'thing', title: 'A one'},
    {_id: 'b', _type: 'thing', title: 'B'},
  ])
  const second = writeNdjson(path.join(files, 'second.ndjson'), [
    {_id: 'a', _type: 'thing', title: 'A two'},
    {_id: 'c', _type: 'thing', title: 'C'},
  ])
  const title = async (id: string) => (await storedDocuments(dataDir)).find((document) => document._id === id)?.title

  expect(succeeded(await runCli(['import', first], dataDir)).stdout).toContain('2 document(s) written, 0 skipped')

  const conflict = await runCli(['import', second], dataDir)
  expect(conflict.code).toBe(1)
  expect(conflict.stderr).toContain('1 document(s) already exist in dataset "production" (a)')
  expect(conflict.stderr).toContain('--replace')
  expect(ids(await storedDocuments(dataDir))).toEqual(['a', 'b'])

  expect(succeeded(await runCli(['import', second, '--missing'], dataDir)).stdout).toContain('1 document(s) written, 1 skipped')
  expect(await title('a')).toBe('A one')
  expect(await title('c')).toBe('C')

  expect(succeeded(await runCli(['import', second, '--replace'], dataDir)).stdout).toContain('2 document(s) written, 0 skipped')
  expect(await title('a')).toBe('A two')

  const both = await runCli(['import', second, '--replace', '--missing'], dataDir)
  expect(both.code).toBe(1)
  expect(both.stderr).toContain('exclude each other')
})

test('a malformed line is reported by its number and nothing is written', async () => {
  const dataDir = temporaryDataDir()
  const files = temporaryDataDir()
  const badJson = writeNdjson(path.join(files, 'bad-json.ndjson'), [
    {_id: 'a', _type: 'thing'},
    '',
    {_id: 'b', _type: 'thing'},
    '{"_id": "c", "_type": ',
    {_id: 'd', _type: 'thing'},
  ])
  const result = await runCli(['import', badJson], dataDir)
  expect(result.code).toBe(1)
  expect(result.stderr).toMatch(/^Line 4: not valid JSON/)

  const noType = writeNdjson(path.join(files, 'no-type.ndjson'), [{_id: 'a', _type: 'thing'}, {_id: 'b'}])
  const untyped = await runCli(['import', noType], dataDir)
  expect(untyped.code).toBe(1)
  expect(untyped.stderr).toContain('Line 2: document "b" has no _type')

  const badId = writeNdjson(path.join(files, 'bad-id.ndjson'), [{_id: 'has space', _type: 'thing'}])
  expect((await runCli(['import', badId], dataDir)).stderr).toContain('Line 1: invalid _id "has space"')

  expect(await storedDocuments(dataDir)).toEqual([])
})

test('a hand-written NDJSON may point to local files; http(s) assets are refused, offline', async () => {
  const dataDir = temporaryDataDir()
  const files = temporaryDataDir()
  fs.mkdirSync(path.join(files, 'pictures'))
  fs.writeFileSync(path.join(files, 'pictures', 'halves.png'), IMAGE)
  const local = {
    _id: 'post-1',
    _type: 'post',
    hero: {_type: 'image', caption: 'Halves', _sanityAsset: 'image@file://./pictures/halves.png'},
  }
  const remote = writeNdjson(path.join(files, 'remote.ndjson'), [
    local,
    {_id: 'post-2', _type: 'post', hero: {_type: 'image', _sanityAsset: 'image@https://cdn.example.com/a.png'}},
    {_id: 'post-3', _type: 'post', pdf: {_type: 'file', _sanityAsset: 'file@http://example.com/b.pdf'}},
  ])
  const refused = await runCli(['import', remote], dataDir)
  expect(refused.code).toBe(1)
  expect(refused.stderr).toContain('2 asset field(s) point to http(s) URLs')
  expect(refused.stderr).toContain('line 2: https://cdn.example.com/a.png')
  expect(await storedDocuments(dataDir)).toEqual([])

  const missing = writeNdjson(path.join(files, 'missing.ndjson'), [{_id: 'post-4', _type: 'post', hero: {_sanityAsset: 'image@file://./pictures/gone.png'}}])
  const notFound = await runCli(['import', missing], dataDir)
  expect(notFound.stderr).toContain('1 asset file(s) not found')

  succeeded(await runCli(['import', writeNdjson(path.join(files, 'local.ndjson'), [local])], dataDir))
  const [asset, post] = await storedDocuments(dataDir)
  expect(asset).toMatchObject({_type: 'sanity.imageAsset', originalFilename: 'halves.png'})
  expect(post?.hero).toEqual({_type: 'image', caption: 'Halves', asset: {_type: 'reference', _ref: asset?._id}})
})
