import fs from 'node:fs'
import path from 'node:path'
import {exportDataset} from '@sanity/export'
import {sanityImport} from '@sanity/import'
import {afterEach, expect, test} from 'vitest'
import {runCli} from '../../test/cli-process'
import {halvesPng} from '../../test/images'
import {startLakeProcess, temporaryDataDir, type LakeProcess} from '../../test/lake-process'
import {storedDocuments} from '../../test/stored-documents'
import type {SanityDocument} from '../types'

// Sanity's own export and import libraries (what `sanity dataset export|import` run) against
// the lake: the format has to be theirs, not merely self-consistent.

const lakes: LakeProcess[] = []

afterEach(async () => {
  await Promise.all(lakes.splice(0).map((lake) => lake.stop()))
})

async function seededLake(): Promise<{lake: LakeProcess; imageId: string}> {
  const lake = await startLakeProcess()
  lakes.push(lake)
  const client = lake.client()
  const image = await client.assets.upload('image', await halvesPng(40, 20), {filename: 'halves.png'})
  await client
    .transaction()
    .create({
      _id: 'post-1',
      _type: 'post',
      author: {_type: 'reference', _ref: 'author-1'},
      mainImage: {_type: 'image', alt: 'Halves', asset: {_type: 'reference', _ref: image._id}},
    })
    .create({_id: 'drafts.post-1', _type: 'post', title: 'Draft'})
    .create({_id: 'author-1', _type: 'author', name: 'Wilder'})
    .commit()
  return {lake, imageId: image._id}
}

const expectedPost = (imageId: string) => ({
  _id: 'post-1',
  _type: 'post',
  author: {_type: 'reference', _ref: 'author-1'},
  mainImage: {_type: 'image', alt: 'Halves', asset: {_type: 'reference', _ref: imageId}},
})

test("@sanity/export downloads a dataset through /data/export, and `import` reads Sanity's archive", async () => {
  const {lake, imageId} = await seededLake()
  const archive = path.join(temporaryDataDir(), 'production.tar.gz')
  const result = await exportDataset({client: lake.client(), dataset: 'production', outputPath: archive})
  expect(result).toMatchObject({documentCount: 3, assetCount: 1})

  const target = temporaryDataDir()
  const imported = await runCli(['import', archive], target)
  expect(imported.stderr).toBe('')
  expect(imported.stdout).toContain('3 document(s) written, 0 skipped as already present, 1 asset file(s) imported')
  const documents = await storedDocuments(target)
  expect(documents.map((document) => document._id)).toEqual(['author-1', 'drafts.post-1', imageId, 'post-1'])
  expect(documents.find((document) => document._id === 'post-1')).toMatchObject(expectedPost(imageId))
})

test('`export` writes an archive that @sanity/import loads, assets and references included', async () => {
  const {lake: source, imageId} = await seededLake()
  await source.stop()
  const archive = path.join(temporaryDataDir(), 'backup.tar.gz')
  expect((await runCli(['export', archive], source.dataDir)).code).toBe(0)

  const target = await startLakeProcess()
  lakes.push(target)
  const result = await sanityImport(fs.createReadStream(archive), {client: target.client(), operation: 'create'})
  expect(result.numDocs).toBe(3)
  const documents = await target.client().fetch<SanityDocument[]>('*', {}, {perspective: 'raw'})
  expect(documents.map((document) => document._id)).toEqual(['author-1', 'drafts.post-1', imageId, 'post-1'])
  expect(documents.find((document) => document._id === 'post-1')).toMatchObject(expectedPost(imageId))
  const served = await fetch(`${target.url}/images/local/production/${imageId.split('-')[1]}-40x20.png`)
  expect(Buffer.from(await served.arrayBuffer())).toEqual(await halvesPng(40, 20))
})
