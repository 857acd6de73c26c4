import sharp, {type Metadata} from 'sharp'
import {paletteFromPixels, type ImagePalette} from './palette'

export class InvalidImageError extends Error {
  override name = 'InvalidImageError'
  constructor() {
    super('Invalid image, could not read metadata')
  }
}

/** The optional parts of `metadata` this lake computes (`dimensions`, `hasAlpha`, `isOpaque` always). */
export type MetadataPart = 'lqip' | 'palette'

export interface ImageMetadata {
  _type: 'sanity.imageMetadata'
  dimensions: {_type: 'sanity.imageDimensions'; width: number; height: number; aspectRatio: number}
  hasAlpha: boolean
  isOpaque: boolean
  lqip?: string
  palette?: ImagePalette
}

export interface ReadImage {
  extension: string
  mimeType: string
  metadata: ImageMetadata
}

const FORMATS: Partial<Record<string, {extension: string; mimeType: string}>> = {
  jpeg: {extension: 'jpg', mimeType: 'image/jpeg'},
  png: {extension: 'png', mimeType: 'image/png'},
  webp: {extension: 'webp', mimeType: 'image/webp'},
  gif: {extension: 'gif', mimeType: 'image/gif'},
  tiff: {extension: 'tiff', mimeType: 'image/tiff'},
  svg: {extension: 'svg', mimeType: 'image/svg+xml'},
}

// Sanity's LQIP: an image a few pixels across that the browser blurs as it scales it up.
const LQIP_SIZE = 20
// Enough pixels for stable swatch populations, few enough to stay cheap.
const PALETTE_SAMPLE_SIZE = 64

async function lqip(bytes: Buffer, hasAlpha: boolean): Promise<string> {
  const thumbnail = sharp(bytes).autoOrient().resize(LQIP_SIZE, LQIP_SIZE, {fit: 'inside'})
  // JPEG is the smaller data URL, but it cannot keep transparency.
  const [data, type] = hasAlpha ? [await thumbnail.png().toBuffer(), 'image/png'] : [await thumbnail.jpeg({quality: 40}).toBuffer(), 'image/jpeg']
  return `data:${type};base64,${data.toString('base64')}`
}

async function palette(bytes: Buffer): Promise<ImagePalette> {
  const pixels = await sharp(bytes).autoOrient().resize(PALETTE_SAMPLE_SIZE, PALETTE_SAMPLE_SIZE, {fit: 'inside'}).ensureAlpha().raw().toBuffer()
  return paletteFromPixels(pixels)
}

/** Identifies an uploaded image and computes its `metadata`; InvalidImageError if it is not one. */
export async function readImage(bytes: Buffer, parts: ReadonlySet<MetadataPart>): Promise<ReadImage> {
  let info: Metadata
  let isOpaque: boolean
  try {
    info = await sharp(bytes).metadata()
    // Decodes every pixel: proves the image is whole, and tells whether its alpha is used.
    isOpaque = (await sharp(bytes).stats()).isOpaque
  } catch {
    throw new InvalidImageError()
  }
  // sharp's prebuilt libheif reads AVIF only (no HEVC), so `heif` here is AVIF.
  const format = info.format === 'heif' ? (info.compression === 'av1' ? {extension: 'avif', mimeType: 'image/avif'} : undefined) : FORMATS[info.format]
  if (!format) throw new InvalidImageError()

  // Width and height as displayed, i.e. after the EXIF orientation, as image URLs are served.
  const {width, height} = info.autoOrient
  const metadata: ImageMetadata = {
    _type: 'sanity.imageMetadata',
    dimensions: {_type: 'sanity.imageDimensions', width, height, aspectRatio: width / height},
    hasAlpha: info.hasAlpha,
    isOpaque,
  }
  if (parts.has('lqip')) metadata.lqip = await lqip(bytes, info.hasAlpha)
  if (parts.has('palette')) metadata.palette = await palette(bytes)
  return {...format, metadata}
}
