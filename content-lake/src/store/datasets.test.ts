import fs from 'node:fs'
import path from 'node:path'
import {createHash} from 'node:crypto'
import {afterAll, beforeAll, describe, expect, test} from 'vitest'
import {halvesPng} from '../../test/images'
import {startLakeProcess, temporaryDataDir, TEST_TOKEN, type LakeProcess} from '../../test/lake-process'

// Who may bring a dataset into being, through a real lake process: reading a name must cost
// nothing (no file, no descriptor), or anyone could exhaust the lake by inventing names.

const EDITOR_TOKEN = 'editor-token-0123456789abcdef'
const SHA1 = createHash('sha1').update('nothing').digest('hex')

let lake: LakeProcess

beforeAll(async () => {
  const dataDir = temporaryDataDir()
  const tokensFile = path.join(dataDir, 'tokens.json')
  fs.writeFileSync(tokensFile, JSON.stringify([{name: 'studio', role: 'editor', token: EDITOR_TOKEN}]))
  lake = await startLakeProcess(dataDir, {CONTENT_LAKE_TOKENS_FILE: tokensFile})
})

afterAll(async () => {
  await lake?.stop()
})

function datasetFiles(): string[] {
  return fs.readdirSync(lake.dataDir).filter((name) => name.includes('.sqlite'))
}

function openDescriptors(): number {
  return fs.readdirSync(`/proc/${lake.child.pid}/fd`).length
}

/** Every way of reading a dataset, for the given name. */
function reads(dataset: string): string[] {
  const v = `${lake.url}/v2025-02-19`
  return [
    `${v}/data/query/${dataset}?query=*`,
    `${v}/data/doc/${dataset}/post-1`,
    `${v}/data/listen/${dataset}?query=*`,
    `${v}/data/export/${dataset}`,
    `${v}/data/history/${dataset}/transactions/post-1`,
    `${v}/data/history/${dataset}/documents/post-1?revision=r`,
    `${v}/data/history/${dataset}/events/documents/post-1`,
    `${lake.url}/images/local/${dataset}/${SHA1}-10x10.png?w=5`,
    `${lake.url}/files/local/${dataset}/${SHA1}.pdf`,
  ]
}

describe('reading a dataset that does not exist', () => {
  test('answers 404 in Sanity’s shape, with or without a token', async () => {
    for (const url of reads('never-created')) {
      for (const headers of [{}, {authorization: `Bearer ${TEST_TOKEN}`}] as Record<string, string>[]) {
        const response = await fetch(url, {headers})
        expect({url, status: response.status}).toEqual({url, status: 404})
        expect(await response.json()).toEqual({
          statusCode: 404,
          error: 'Not Found',
          message: 'Dataset "never-created" not found for project ID "local"',
        })
      }
    }
  })

  test('creates no file and holds no descriptor, however many names are tried', async () => {
    const files = datasetFiles()
    const descriptors = openDescriptors()
    for (let i = 0; i < 100; i++) {
      for (const url of reads(`invented-${i}`)) await (await fetch(url)).arrayBuffer()
    }
    expect(datasetFiles()).toEqual(files)
    // Sockets come and go; 100 datasets would have held 300 descriptors (database, WAL, shared memory).
    expect(openDescriptors()).toBeLessThan(descriptors + 20)
  })

  test('a write without a write token creates nothing either', async () => {
    const anonymous = lake.client({token: null}).withConfig({dataset: 'anonymous-write'})
    await expect(anonymous.create({_id: 'x', _type: 'thing'})).rejects.toMatchObject({statusCode: 403})
    const upload = await fetch(`${lake.url}/v2025-02-19/assets/images/anonymous-upload`, {method: 'POST', body: new Uint8Array(await halvesPng(4, 4))})
    expect(upload.status).toBe(403)
    expect(datasetFiles().filter((name) => name.startsWith('anonymous-'))).toEqual([])
  })
})

describe('a dataset comes into being', () => {
  test('with the first write of a write token, and is then readable by anyone', async () => {
    const editor = lake.client({token: EDITOR_TOKEN}).withConfig({dataset: 'first-write'})
    await editor.create({_id: 'post-1', _type: 'post', title: 'Hello'})
    expect(datasetFiles()).toContain('first-write.sqlite')
    expect(await lake.client({token: null}).withConfig({dataset: 'first-write'}).fetch('*[_type == "post"].title')).toEqual(['Hello'])
  })

  test('with an upload', async () => {
    const editor = lake.client({token: EDITOR_TOKEN}).withConfig({dataset: 'first-upload'})
    const asset = await editor.assets.upload('image', await halvesPng(4, 4))
    expect(await editor.getDocument(asset._id)).toMatchObject({_type: 'sanity.imageAsset'})
  })

  test('with datasets.create by an administrator, not by an editor', async () => {
    await expect(lake.client({token: EDITOR_TOKEN}).datasets.create('by-editor')).rejects.toMatchObject({statusCode: 403})
    await expect(lake.client({token: null}).datasets.create('by-anyone')).rejects.toMatchObject({statusCode: 401})
    expect(datasetFiles().filter((name) => name.startsWith('by-'))).toEqual([])

    expect(await lake.client().datasets.create('by-administrator')).toEqual({datasetName: 'by-administrator', aclMode: 'public'})
    expect(await lake.client({token: null}).withConfig({dataset: 'by-administrator'}).fetch('count(*)')).toBe(0)
    await expect(lake.client().datasets.create('by-administrator')).rejects.toMatchObject({statusCode: 409})
  })

  test('and opens again after a restart', async () => {
    await lake.client({token: EDITOR_TOKEN}).withConfig({dataset: 'kept'}).create({_id: 'a', _type: 'thing'})
    await lake.stop()
    lake = await startLakeProcess(lake.dataDir, {CONTENT_LAKE_TOKENS_FILE: path.join(lake.dataDir, 'tokens.json')}, {createDataset: false})
    expect(await lake.client({token: null}).withConfig({dataset: 'kept'}).fetch('*._id')).toEqual(['a'])
  })
})
