import fs from 'node:fs'
import path from 'node:path'
import type {SanityClient, SanityImageAssetDocument} from '@sanity/client'
import {createImageUrlBuilder} from '@sanity/image-url'
import sharp from 'sharp'
import {afterAll, beforeAll, describe, expect, test} from 'vitest'
import {halvesPng, imageInfo, near, pixel, BLUE, GREEN, RED} from '../../../test/images'
import {startLakeProcess, type LakeProcess} from '../../../test/lake-process'

// Image URLs built by @sanity/image-url from the real client's config, fetched from a real lake.

let lake: LakeProcess
let client: SanityClient
let asset: SanityImageAssetDocument
let original: Buffer

beforeAll(async () => {
  lake = await startLakeProcess()
  client = lake.client()
  // 200×100: red on the left, blue on the right.
  original = await halvesPng(200, 100, RED, BLUE)
  asset = await client.assets.upload('image', original, {filename: 'halves.png'})
})

afterAll(async () => {
  await lake?.stop()
})

function urlFor() {
  return createImageUrlBuilder(client).image(asset)
}

async function get(url: string, headers: Record<string, string> = {}) {
  const response = await fetch(url, {headers})
  return {response, body: Buffer.from(await response.arrayBuffer())}
}

describe('image URLs built by @sanity/image-url', () => {
  test('point at this lake', () => {
    expect(urlFor().url()).toBe(asset.url)
  })

  test('serve the original bytes without parameters, cacheable for good', async () => {
    const {response, body} = await get(urlFor().url())
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('image/png')
    expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable')
    expect(response.headers.get('etag')).toBe(`"${asset.sha1hash}"`)
    expect(body.equals(original)).toBe(true)
  })

  test('.width(50).format("webp") gives a 50×25 WebP', async () => {
    const url = urlFor().width(50).format('webp').url()
    expect(url).toContain('w=50&fm=webp')
    const {response, body} = await get(url)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('image/webp')
    expect(await imageInfo(body)).toEqual({width: 50, height: 25, format: 'webp'})
  })

  test('.width(40).height(40).fit("crop") gives a 40×40 crop from the centre', async () => {
    // image-url cuts the source to the box's aspect ratio itself (rect); without that, the lake crops.
    for (const builder of [urlFor(), urlFor().ignoreImageParams()]) {
      const {response, body} = await get(builder.width(40).height(40).fit('crop').url())
      expect(response.headers.get('content-type')).toBe('image/png')
      expect(await imageInfo(body)).toEqual({width: 40, height: 40, format: 'png'})
      // The centre of the source is where red meets blue.
      expect(await pixel(body, 2, 20)).toEqual(RED)
      expect(await pixel(body, 37, 20)).toEqual(BLUE)
    }
  })

  test('.crop("left") keeps the left of the image', async () => {
    const {body} = await get(urlFor().width(40).height(40).fit('crop').crop('left').url())
    expect(await pixel(body, 37, 20)).toEqual(RED)
  })

  test('.focalPoint() with crop "focalpoint" keeps that point in view', async () => {
    const {body} = await get(urlFor().width(40).height(40).fit('crop').crop('focalpoint').focalPoint(0.9, 0.5).url())
    expect(await pixel(body, 2, 20)).toEqual(BLUE)
  })

  test('.rect(…) cuts that part of the source out first', async () => {
    const url = urlFor().rect(100, 0, 100, 100).width(20).url()
    expect(url).toContain('rect=100,0,100,100')
    const {body} = await get(url)
    expect(await imageInfo(body)).toMatchObject({width: 20, height: 20})
    expect(await pixel(body, 0, 0)).toEqual(BLUE)
  })

  test('.auto("format") answers WebP to clients that take it, the original format to others', async () => {
    const url = urlFor().width(60).auto('format').url()
    const webp = await get(url, {accept: 'image/avif,image/webp,*/*'})
    expect(webp.response.headers.get('content-type')).toBe('image/webp')
    expect(webp.response.headers.get('vary')).toBe('Accept, Origin')
    expect(await imageInfo(webp.body)).toEqual({width: 60, height: 30, format: 'webp'})

    const png = await get(url, {accept: 'image/png,image/*;q=0.8'})
    expect(png.response.headers.get('content-type')).toBe('image/png')
    expect(png.response.headers.get('vary')).toBe('Accept, Origin')
    expect(await imageInfo(png.body)).toEqual({width: 60, height: 30, format: 'png'})
  })

  test('.dpr(2) doubles the requested size', async () => {
    const url = urlFor().width(30).dpr(2).url()
    expect(url).toContain('dpr=2')
    expect(await imageInfo((await get(url)).body)).toMatchObject({width: 60, height: 30})
  })

  test('.fit("max") never scales up, .fit("clip") does', async () => {
    expect(await imageInfo((await get(urlFor().width(400).fit('max').url())).body)).toMatchObject({width: 200, height: 100})
    expect(await imageInfo((await get(urlFor().width(400).fit('clip').url())).body)).toMatchObject({width: 400, height: 200})
  })

  test('.fit("fill").bg(…) pads the image to the box with the background colour', async () => {
    // ignoreImageParams: otherwise image-url itself cuts the source to the box's aspect ratio.
    const {body} = await get(urlFor().ignoreImageParams().width(100).height(100).fit('fill').bg('00ff00').url())
    expect(await imageInfo(body)).toMatchObject({width: 100, height: 100})
    expect(await pixel(body, 50, 5)).toEqual(GREEN)
    expect(await pixel(body, 10, 50)).toEqual(RED)
  })

  test('.flipHorizontal() mirrors the image', async () => {
    const {body} = await get(urlFor().flipHorizontal().url())
    expect(await pixel(body, 0, 0)).toEqual(BLUE)
    expect(await pixel(body, 199, 0)).toEqual(RED)
  })

  test('.orientation(90) turns the image clockwise', async () => {
    const {body} = await get(urlFor().orientation(90).url())
    expect(await imageInfo(body)).toMatchObject({width: 100, height: 200})
    expect(await pixel(body, 50, 0)).toEqual(RED)
  })

  test('.format("jpg").quality(…) sets the JPEG quality', async () => {
    const low = await get(urlFor().format('jpg').quality(5).url())
    const high = await get(urlFor().format('jpg').quality(95).url())
    expect(low.response.headers.get('content-type')).toBe('image/jpeg')
    expect(low.body.length).toBeLessThan(high.body.length)
    expect(near(await pixel(high.body, 10, 10), RED)).toBe(true)
  })

  test('.blur(…) softens the edge between the halves', async () => {
    const sharpEdge = await pixel((await get(urlFor().format('png').url())).body, 99, 50)
    const blurred = await pixel((await get(urlFor().blur(50).url())).body, 99, 50)
    expect(sharpEdge).toEqual(RED)
    expect(blurred[2]).toBeGreaterThan(50)
  })

  test('.invert(true) and .saturation(-100) change the colours', async () => {
    expect(await pixel((await get(urlFor().invert(true).url())).body, 10, 10)).toEqual([0, 255, 255])
    const grey = await pixel((await get(urlFor().saturation(-100).url())).body, 10, 10)
    expect(grey[0]).toBe(grey[1])
    expect(grey[1]).toBe(grey[2])
  })

  test('.pad(…) adds a border in the background colour', async () => {
    const {body} = await get(urlFor().width(20).pad(5).bg('00ff00').url())
    expect(await imageInfo(body)).toMatchObject({width: 30, height: 20})
    expect(await pixel(body, 1, 1)).toEqual(GREEN)
    expect(await pixel(body, 7, 10)).toEqual(RED)
  })

  test('.format("pjpg") gives a progressive JPEG', async () => {
    const {response, body} = await get(urlFor().format('pjpg').url())
    expect(response.headers.get('content-type')).toBe('image/jpeg')
    expect((await sharp(body).metadata()).isProgressive).toBe(true)
  })

  test('a vanity name after the file name serves the same image', async () => {
    const {response, body} = await get(urlFor().width(20).vanityName('halves.png').url())
    expect(response.status).toBe(200)
    expect(await imageInfo(body)).toMatchObject({width: 20, height: 10})
  })

  test('.forceDownload(…) makes it a download under that name', async () => {
    const {response} = await get(urlFor().forceDownload('picture.png').url())
    expect(response.headers.get('content-disposition')).toContain('attachment; filename="picture.png"')
  })

  test('fm=avif gives AVIF', async () => {
    const {response, body} = await get(`${asset.url}?w=20&fm=avif`)
    expect(response.headers.get('content-type')).toBe('image/avif')
    expect(await imageInfo(body)).toMatchObject({width: 20, height: 10, format: 'heif'})
  })
})

describe('other sources', () => {
  test('crop "entropy" keeps the busiest part of the image', async () => {
    // Flat red on the left, noise on the right.
    const pixels = Buffer.alloc(200 * 100 * 3)
    for (let i = 0; i < pixels.length; i += 3) {
      const x = (i / 3) % 200
      pixels.set(x < 100 ? RED : [(i * 7919) % 256, (i * 104729) % 256, (i * 1299709) % 256], i)
    }
    const noisy = await client.assets.upload(
      'image',
      await sharp(pixels, {raw: {width: 200, height: 100, channels: 3}})
        .png()
        .toBuffer(),
    )
    const {body} = await get(createImageUrlBuilder(client).image(noisy).width(50).height(50).fit('crop').crop('entropy').url())
    expect(await imageInfo(body)).toMatchObject({width: 50, height: 50})
    expect(await pixel(body, 2, 25)).not.toEqual(RED)
  })

  test('an SVG is served as it is, and rendered to PNG when transformed', async () => {
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20"><rect width="40" height="20" fill="#00ff00"/></svg>')
    const vector = await client.assets.upload('image', svg, {filename: 'green.svg'})
    expect(vector).toMatchObject({extension: 'svg', mimeType: 'image/svg+xml', metadata: {dimensions: {width: 40, height: 20}}})

    const plain = await get(vector.url)
    expect(plain.response.headers.get('content-type')).toBe('image/svg+xml')
    expect(plain.body.equals(svg)).toBe(true)

    const rendered = await get(createImageUrlBuilder(client).image(vector).width(80).url())
    expect(rendered.response.headers.get('content-type')).toBe('image/png')
    expect(await imageInfo(rendered.body)).toEqual({width: 80, height: 40, format: 'png'})
    expect(await pixel(rendered.body, 40, 20)).toEqual(GREEN)
  })
})

describe('responses', () => {
  test('vary on Accept only when auto=format makes them depend on it', async () => {
    expect((await get(urlFor().width(61).url())).response.headers.get('vary') ?? '').not.toContain('Accept')
  })

  test('answer HEAD with the headers alone', async () => {
    const response = await fetch(urlFor().width(26).url(), {method: 'HEAD'})
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('image/png')
    expect(Number(response.headers.get('content-length'))).toBeGreaterThan(0)
    expect((await response.arrayBuffer()).byteLength).toBe(0)
  })

  test('answer If-None-Match with 304', async () => {
    const url = urlFor().width(25).url()
    const first = await get(url)
    const etag = first.response.headers.get('etag')!
    const second = await fetch(url, {headers: {'if-none-match': etag}})
    expect(second.status).toBe(304)
  })

  test('serve a repeated rendering from the on-disk cache', async () => {
    const url = `${asset.url}?w=33&fm=png`
    const first = await get(url)
    expect(first.response.headers.get('x-cache')).toBe('MISS')
    const key = first.response.headers.get('etag')!.replaceAll('"', '')
    const cached = path.join(lake.dataDir, 'image-cache', key.slice(0, 2), `${key}.png`)
    expect(fs.readFileSync(cached).equals(first.body)).toBe(true)

    // The next answer must come from that file, not from a new rendering.
    const marker = await halvesPng(7, 7, GREEN, GREEN)
    fs.writeFileSync(cached, marker)
    const second = await get(url)
    expect(second.response.headers.get('x-cache')).toBe('HIT')
    expect(second.body.equals(marker)).toBe(true)
  })

  test('equivalent URLs share one cached rendering', async () => {
    const a = await get(`${asset.url}?w=44&h=22&fit=clip&fm=png`)
    const b = await get(`${asset.url}?fm=png&w=44&h=22&unknown=1`)
    expect(b.response.headers.get('etag')).toBe(a.response.headers.get('etag'))
    expect(b.response.headers.get('x-cache')).toBe('HIT')
  })

  test('refuse nonsense parameters with 400', async () => {
    for (const query of [
      'w=0',
      'w=abc',
      'w=100000',
      'fit=zoom',
      'crop=top,bottom',
      'rect=1,2,3',
      'bg=red',
      'q=101',
      'dpr=0',
      'or=45',
      'fm=bmp',
      'auto=magic',
      'rect=500,500,10,10',
    ]) {
      const response = await fetch(`${asset.url}?${query}`)
      expect({query, status: response.status}).toEqual({query, status: 400})
      expect(await response.json()).toMatchObject({statusCode: 400, error: 'Bad Request'})
    }
  })

  test('answer 404 for another project, another dataset, an unknown asset or the wrong size', async () => {
    const {sha1hash} = asset
    for (const url of [
      `${lake.url}/images/other/production/${sha1hash}-200x100.png`,
      `${lake.url}/images/local/staging/${sha1hash}-200x100.png`,
      `${lake.url}/images/local/production/${'0'.repeat(40)}-200x100.png`,
      `${lake.url}/images/local/production/${sha1hash}-201x100.png`,
      `${lake.url}/images/local/production/${sha1hash}-200x100.jpg`,
      `${lake.url}/images/local/production/not-an-asset.png`,
    ]) {
      expect({url, status: (await fetch(url)).status}).toEqual({url, status: 404})
    }
  })

  test('need no token', async () => {
    const response = await fetch(`${asset.url}?w=10`)
    expect(response.status).toBe(200)
  })
})
