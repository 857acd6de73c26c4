import {createHash} from 'node:crypto'
import fs from 'node:fs'
import http from 'node:http'
import path from 'node:path'
import type {MutationEvent, SanityClient} from '@sanity/client'
import {afterAll, beforeAll, describe, expect, test} from 'vitest'
import {halvesPng, imageInfo, BLUE, GREEN, RED} from '../../../test/images'
import {startLakeProcess, TEST_TOKEN, type LakeProcess} from '../../../test/lake-process'

// Uploads through the real @sanity/client against a real lake process.

let lake: LakeProcess
let writer: SanityClient
let png: Buffer
let sha1: string

beforeAll(async () => {
  lake = await startLakeProcess()
  writer = lake.client()
  png = await halvesPng(200, 100)
  sha1 = createHash('sha1').update(png).digest('hex')
})

afterAll(async () => {
  await lake?.stop()
})

async function rawUpload(kind: 'images' | 'files', body: Buffer | string, headers: Record<string, string> = {}) {
  const response = await fetch(`${lake.url}/v2025-02-19/assets/${kind}/production`, {
    method: 'POST',
    body: typeof body === 'string' ? body : new Uint8Array(body),
    headers,
  })
  return {status: response.status, body: (await response.json()) as Record<string, unknown>}
}

describe('image uploads', () => {
  test('answer with an image asset document shaped like Sanity’s', async () => {
    const asset = await writer.assets.upload('image', png, {filename: 'halves.png'})
    expect(asset).toMatchObject({
      _id: `image-${sha1}-200x100-png`,
      _type: 'sanity.imageAsset',
      assetId: sha1,
      sha1hash: sha1,
      extension: 'png',
      mimeType: 'image/png',
      size: png.length,
      originalFilename: 'halves.png',
      path: `images/local/production/${sha1}-200x100.png`,
      url: `${lake.url}/images/local/production/${sha1}-200x100.png`,
      metadata: {
        _type: 'sanity.imageMetadata',
        dimensions: {_type: 'sanity.imageDimensions', width: 200, height: 100, aspectRatio: 2},
        hasAlpha: false,
        isOpaque: true,
      },
    })
    expect(asset._rev).toEqual(expect.any(String))
    expect(asset._createdAt).toEqual(expect.any(String))
  })

  test('compute a small blurred preview (lqip) and a palette', async () => {
    const asset = await writer.assets.upload('image', await halvesPng(64, 64, GREEN, GREEN), {filename: 'green.png'})
    const lqip = asset.metadata.lqip!
    expect(lqip).toMatch(/^data:image\/jpeg;base64,/)
    const preview = await imageInfo(Buffer.from(lqip.split(',')[1]!, 'base64'))
    expect(Math.max(preview.width, preview.height)).toBe(20)
    expect(asset.metadata.palette).toMatchObject({
      _type: 'sanity.imagePalette',
      dominant: {_type: 'sanity.imagePaletteSwatch', background: '#00ff00', foreground: '#000', population: 100},
    })
  })

  test('leave the preview and the palette out when meta asks for neither', async () => {
    const asset = await writer.assets.upload('image', await halvesPng(10, 10, BLUE, BLUE), {extract: []})
    expect(asset.metadata.lqip).toBeUndefined()
    expect(asset.metadata.palette).toBeUndefined()
    expect(asset.metadata.dimensions).toMatchObject({width: 10, height: 10})
  })

  test('record the label, title, description, credit line and source', async () => {
    const asset = await writer.assets.upload('image', await halvesPng(12, 12), {
      label: 'a label',
      title: 'A title',
      description: 'A description',
      creditLine: 'Photo: someone',
      source: {id: 'source-id', name: 'unsplash', url: 'https://example.com/photo'},
    })
    expect(asset).toMatchObject({
      label: 'a label',
      title: 'A title',
      description: 'A description',
      creditLine: 'Photo: someone',
      source: {id: 'source-id', name: 'unsplash', url: 'https://example.com/photo'},
    })
  })

  test('return the existing asset for identical bytes, even under another file name', async () => {
    const bytes = await halvesPng(30, 20, RED, GREEN)
    const first = await writer.assets.upload('image', bytes, {filename: 'first.png'})
    const second = await writer.assets.upload('image', bytes, {filename: 'second.png'})
    expect(second).toEqual(first)
    expect(second.originalFilename).toBe('first.png')
    expect(await writer.fetch('count(*[sha1hash == $sha1])', {sha1: first.sha1hash})).toBe(1)
  })

  test('write the bytes to <dataDir>/assets/<dataset>/<sha1>.<extension>', async () => {
    const bytes = await halvesPng(16, 16, GREEN, RED)
    const asset = await writer.assets.upload('image', bytes)
    const file = path.join(lake.dataDir, 'assets', 'production', `${asset.sha1hash}.png`)
    expect(fs.readFileSync(file).equals(bytes)).toBe(true)
  })

  test('commit the asset document like any other write: queryable, and seen by listeners', async () => {
    const bytes = await halvesPng(18, 18)
    const event = new Promise<MutationEvent>((resolve, reject) => {
      const subscription = writer.listen('*[_type == "sanity.imageAsset"]', {}, {events: ['welcome', 'mutation']}).subscribe({
        next: (message) => {
          if (message.type === 'welcome') writer.assets.upload('image', bytes).catch(reject)
          if (message.type === 'mutation') {
            subscription.unsubscribe()
            resolve(message)
          }
        },
        error: reject,
      })
    })
    const mutation = await event
    expect(mutation).toMatchObject({transition: 'appear', result: {_type: 'sanity.imageAsset', size: bytes.length}})

    const anonymous = lake.client({token: null})
    const ids = await anonymous.fetch<string[]>('*[_type == "sanity.imageAsset"]._id')
    expect(ids).toContain(mutation.documentId)
  })

  test('refuse a body that is not a readable image with 400', async () => {
    expect(await rawUpload('images', 'this is not an image', {authorization: `Bearer ${TEST_TOKEN}`})).toEqual({
      status: 400,
      body: {statusCode: 400, error: 'Bad Request', message: 'Invalid image, could not read metadata'},
    })
    const truncated = png.subarray(0, png.length - 30)
    const error = await writer.assets.upload('image', truncated).catch((caught: unknown) => caught)
    expect(error).toMatchObject({statusCode: 400, message: expect.stringContaining('Invalid image, could not read metadata')})
  })

  test('refuse an upload without a token with 403', async () => {
    expect(await rawUpload('images', png)).toEqual({
      status: 403,
      body: {
        statusCode: 403,
        error: 'Forbidden',
        message: 'Insufficient permissions; a token with write access is required',
      },
    })
    const error = await lake
      .client({token: null})
      .assets.upload('image', png)
      .catch((caught: unknown) => caught)
    expect(error).toMatchObject({statusCode: 403})
  })

  test('refuse an unknown meta value with 400', async () => {
    const response = await fetch(`${lake.url}/v2025-02-19/assets/images/production?meta=colours`, {
      method: 'POST',
      body: new Uint8Array(png),
      headers: {authorization: `Bearer ${TEST_TOKEN}`},
    })
    expect(response.status).toBe(400)
  })

  test('refuse a body over 50 MB with 413, before reading it', async () => {
    const {port, hostname} = new URL(lake.url)
    const status = await new Promise<number | undefined>((resolve, reject) => {
      const request = http.request(
        {
          host: hostname,
          port,
          method: 'POST',
          path: '/v2025-02-19/assets/files/production',
          headers: {authorization: `Bearer ${TEST_TOKEN}`, 'content-length': 50 * 1024 * 1024 + 1},
        },
        (response) => {
          response.resume()
          resolve(response.statusCode)
          request.destroy()
        },
      )
      request.on('error', reject)
      request.write('only the start of a body')
    })
    expect(status).toBe(413)
  })
})

describe('file uploads', () => {
  test('answer with a file asset document and serve the bytes at its URL', async () => {
    const bytes = Buffer.from('%PDF-1.4 a tiny document')
    const fileSha1 = createHash('sha1').update(bytes).digest('hex')
    const asset = await writer.assets.upload('file', bytes, {filename: 'Leaflet.PDF', contentType: 'application/pdf'})
    expect(asset).toMatchObject({
      _id: `file-${fileSha1}-pdf`,
      _type: 'sanity.fileAsset',
      assetId: fileSha1,
      sha1hash: fileSha1,
      extension: 'pdf',
      mimeType: 'application/pdf',
      size: bytes.length,
      originalFilename: 'Leaflet.PDF',
      path: `files/local/production/${fileSha1}.pdf`,
      url: `${lake.url}/files/local/production/${fileSha1}.pdf`,
    })
    expect(asset).not.toHaveProperty('metadata')

    const response = await fetch(asset.url)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('application/pdf')
    expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable')
    expect(Buffer.from(await response.arrayBuffer()).equals(bytes)).toBe(true)
  })

  test('take the MIME type from the file name when the client sends none', async () => {
    const asset = await writer.assets.upload('file', Buffer.from('a,b\n1,2\n'), {filename: 'table.csv'})
    expect(asset).toMatchObject({extension: 'csv', mimeType: 'text/csv'})
  })

  test('deduplicate identical bytes, even under a name with another extension', async () => {
    const bytes = Buffer.from('the same bytes twice')
    const first = await writer.assets.upload('file', bytes, {filename: 'notes.txt'})
    const second = await writer.assets.upload('file', bytes, {filename: 'notes.md'})
    expect(second).toEqual(first)
    expect(await writer.fetch('count(*[_type == "sanity.fileAsset" && sha1hash == $sha1])', {sha1: first.sha1hash})).toBe(1)
  })

  test('serve files at /files/… only for the asset’s own dataset and project', async () => {
    const asset = await writer.assets.upload('file', Buffer.from('dataset-bound'), {filename: 'bound.txt'})
    expect((await fetch(asset.url)).status).toBe(200)
    expect((await fetch(asset.url.replace('/production/', '/staging/'))).status).toBe(404)
    expect((await fetch(asset.url.replace('/local/', '/other-project/'))).status).toBe(404)
    expect((await fetch(asset.url.replace(/\.txt$/, '.csv'))).status).toBe(404)
  })
})

describe('configuration', () => {
  test('CONTENT_LAKE_PROJECT_ID and CONTENT_LAKE_PUBLIC_URL shape asset paths and URLs', async () => {
    const other = await startLakeProcess(undefined, {
      CONTENT_LAKE_PROJECT_ID: 'my-project',
      CONTENT_LAKE_PUBLIC_URL: 'https://lake.example.com/',
    })
    try {
      const asset = await other.client().assets.upload('image', png)
      expect(asset.path).toBe(`images/my-project/production/${sha1}-200x100.png`)
      expect(asset.url).toBe(`https://lake.example.com/images/my-project/production/${sha1}-200x100.png`)
      expect((await fetch(`${other.url}/${asset.path}`)).status).toBe(200)
      expect((await fetch(`${other.url}/images/local/production/${sha1}-200x100.png`)).status).toBe(404)
    } finally {
      await other.stop()
    }
  })
})
