import fs from 'node:fs'
import path from 'node:path'
import type {SanityImageAssetDocument} from '@sanity/client'
import sharp from 'sharp'
import {afterEach, expect, test} from 'vitest'
import {halvesPng} from '../../test/images'
import {startLakeProcess, type LakeProcess} from '../../test/lake-process'

// Image renders are bounded, through a real lake process: pixels in, time, renders at once and
// waiting, and the on-disk rendition cache's size.

let lake: LakeProcess | undefined

afterEach(async () => {
  await lake?.stop()
  lake = undefined
})

async function start(env: Record<string, string>, dataDir?: string): Promise<LakeProcess> {
  lake = await startLakeProcess(dataDir, env)
  return lake
}

/** Noise compresses badly: its renditions are about as large as their pixels. */
async function noisePng(width: number, height: number): Promise<Buffer> {
  const pixels = Buffer.alloc(width * height * 3)
  for (let i = 0; i < pixels.length; i++) pixels[i] = (i * 2654435761) >>> 24
  return sharp(pixels, {raw: {width, height, channels: 3}})
    .png()
    .toBuffer()
}

async function upload(running: LakeProcess, bytes: Buffer): Promise<SanityImageAssetDocument> {
  return running.client().assets.upload('image', bytes)
}

function cachedFiles(running: LakeProcess): {file: string; size: number}[] {
  const folder = path.join(running.dataDir, 'image-cache')
  if (!fs.existsSync(folder)) return []
  return fs.readdirSync(folder).flatMap((sub) =>
    fs.readdirSync(path.join(folder, sub)).map((name) => {
      const file = path.join(folder, sub, name)
      return {file, size: fs.statSync(file).size}
    }),
  )
}

test('a source over the pixel cap is served as it is, but not transformed (422)', async () => {
  const running = await start({CONTENT_LAKE_IMAGE_MAX_INPUT_PIXELS: '10000'})
  const asset = await upload(running, await halvesPng(200, 100))
  expect((await fetch(asset.url)).status).toBe(200)
  const transformed = await fetch(`${asset.url}?w=50`)
  expect(transformed.status).toBe(422)
  expect(await transformed.json()).toEqual({
    statusCode: 422,
    error: 'Unprocessable Entity',
    message: 'The image has more than 10000 pixels: it is served only as it is',
  })
})

test('a render over its time budget is cut off with 422', async () => {
  const running = await start({CONTENT_LAKE_IMAGE_TIMEOUT_SECONDS: '1'})
  const asset = await upload(running, await halvesPng(4000, 4000))
  const started = performance.now()
  const response = await fetch(`${asset.url}?blur=2000&fm=png`)
  expect(response.status).toBe(422)
  expect(await response.json()).toMatchObject({message: 'Rendering took longer than 1 s: ask for a smaller size or less blur'})
  expect(performance.now() - started).toBeLessThan(5_000)
})

test('renders beyond the running and waiting ones are refused at once with 503 and Retry-After', async () => {
  const running = await start({CONTENT_LAKE_IMAGE_RENDERS: '1', CONTENT_LAKE_IMAGE_QUEUE: '1'})
  const asset = await upload(running, await halvesPng(1500, 1500))
  const responses = await Promise.all([1, 2, 3, 4, 5, 6].map((blur) => fetch(`${asset.url}?blur=${blur * 30}&fm=png`)))
  const statuses = responses.map((response) => response.status).sort()
  expect(statuses).toEqual([200, 200, 503, 503, 503, 503])
  const refused = responses.find((response) => response.status === 503)!
  expect(refused.headers.get('retry-after')).toBe('2')
  expect(await refused.json()).toEqual({statusCode: 503, error: 'Service Unavailable', message: 'Too many images are being rendered'})
})

test('identical requests arriving together are rendered once', async () => {
  // One render at a time and one waiting: six separate renders would have four refused.
  const running = await start({CONTENT_LAKE_IMAGE_RENDERS: '1', CONTENT_LAKE_IMAGE_QUEUE: '1'})
  const asset = await upload(running, await halvesPng(1500, 1500))
  const responses = await Promise.all([1, 2, 3, 4, 5, 6].map(() => fetch(`${asset.url}?blur=100&fm=png`)))
  expect(responses.map((response) => response.status)).toEqual([200, 200, 200, 200, 200, 200])
  expect(cachedFiles(running)).toHaveLength(1)
})

test('the rendition cache stays under its cap, drops the least recently used first, and survives a restart', async () => {
  const env = {CONTENT_LAKE_IMAGE_CACHE_MB: '1'}
  let running = await start(env)
  const asset = await upload(running, await noisePng(256, 256))
  // The path, not the URL: the lake comes back on another port.
  const url = (width: number) => `${running.url}/${asset.path}?w=${width}&fm=png`
  const get = async (width: number) => {
    const response = await fetch(url(width))
    await response.arrayBuffer()
    return response.headers.get('x-cache')
  }

  // About 190 KB each: five fit, and the first is used again, so the second is the oldest.
  for (const width of [250, 251, 252, 253, 254]) expect(await get(width)).toBe('MISS')
  expect(await get(250)).toBe('HIT')
  for (const width of [255, 256]) expect(await get(width)).toBe('MISS')
  const total = () => cachedFiles(running).reduce((sum, {size}) => sum + size, 0)
  expect(total()).toBeLessThanOrEqual(1024 * 1024)
  expect(await get(250)).toBe('HIT')
  expect(await get(251)).toBe('MISS')

  await running.stop()
  running = await start(env, running.dataDir)
  // Still on disk and counted after the restart: a hit, and the cap holds as new ones arrive.
  expect(await get(250)).toBe('HIT')
  for (const width of [240, 241, 242]) expect(await get(width)).toBe('MISS')
  expect(total()).toBeLessThanOrEqual(1024 * 1024)
  expect(await get(250)).toBe('HIT')
})
