// The query parameters of Sanity's image pipeline (https://www.sanity.io/docs/image-urls),
// checked and normalised. Unknown parameters are ignored, as the hosted CDN ignores them; a
// known one with a value that makes no sense is an ImageParamError (a 400).

export class ImageParamError extends Error {
  override name = 'ImageParamError'
}

export type Fit = 'clip' | 'crop' | 'fill' | 'fillmax' | 'max' | 'scale' | 'min'
/** Where a crop sits: a point (0–1 on each axis) kept in view, or the busiest part of the image. */
export type Anchor = {x: number; y: number} | 'entropy'
export type RequestedFormat = 'jpg' | 'pjpg' | 'png' | 'webp' | 'avif'
export type Orientation = 0 | 90 | 180 | 270

export interface Region {
  left: number
  top: number
  width: number
  height: number
}

export interface Rgba {
  r: number
  g: number
  b: number
  /** 0 (transparent) to 1 (opaque). */
  alpha: number
}

export interface ImageParams {
  width?: number
  height?: number
  fit: Fit
  anchor: Anchor
  rect?: Region
  dpr: number
  /** `min-w` and friends: how far a crop's box may give way towards the source's aspect ratio. */
  bounds: {minWidth?: number; maxWidth?: number; minHeight?: number; maxHeight?: number}
  pad: number
  orientation: Orientation
  flipHorizontal: boolean
  flipVertical: boolean
  background?: Rgba
  blur: number
  sharpen: number
  saturation: number
  invert: boolean
  format?: RequestedFormat
  autoFormat: boolean
  quality?: number
  /** `dl`: the download's file name, `''` for the asset's own. */
  download?: string
}

/** Larger output is scaled down to fit; a larger requested size is refused. */
export const MAX_OUTPUT_SIZE = 8192

const FITS: readonly Fit[] = ['clip', 'crop', 'fill', 'fillmax', 'max', 'scale', 'min']
const DECIMAL = /^\d+(\.\d+)?$/
const INTEGER = /^-?\d+$/

function read(search: URLSearchParams, name: string): string | undefined {
  const value = search.get(name)
  return value === null || value === '' ? undefined : value
}

function decimal(search: URLSearchParams, name: string, min: number, max: number): number | undefined {
  const raw = read(search, name)
  if (raw === undefined) return undefined
  const value = Number(raw)
  if (!DECIMAL.test(raw) || value < min || value > max) {
    throw new ImageParamError(`"${name}" must be a number from ${min} to ${max}, got "${raw}"`)
  }
  return value
}

function integer(search: URLSearchParams, name: string, min: number, max: number): number | undefined {
  const raw = read(search, name)
  if (raw === undefined) return undefined
  const value = Number(raw)
  if (!INTEGER.test(raw) || value < min || value > max) {
    throw new ImageParamError(`"${name}" must be a whole number from ${min} to ${max}, got "${raw}"`)
  }
  return value
}

/** A pixel size: image-url passes fractions through, so they are rounded rather than refused. */
function size(search: URLSearchParams, name: string): number | undefined {
  const value = decimal(search, name, 1, MAX_OUTPUT_SIZE)
  return value === undefined ? undefined : Math.round(value)
}

function oneOf<T extends string>(search: URLSearchParams, name: string, values: readonly T[]): T | undefined {
  const raw = read(search, name)
  if (raw === undefined) return undefined
  if (!(values as readonly string[]).includes(raw)) {
    throw new ImageParamError(`"${name}" must be one of ${values.join(', ')}, got "${raw}"`)
  }
  return raw as T
}

function anchor(search: URLSearchParams): Anchor {
  const modes = (read(search, 'crop') ?? 'center').split(',').map((mode) => mode.trim())
  const has = (mode: string) => modes.includes(mode)
  const invalid = () => new ImageParamError(`"crop" cannot be "${modes.join(',')}"`)
  if (has('entropy') || has('focalpoint')) {
    if (modes.length !== 1) throw invalid()
    if (has('entropy')) return 'entropy'
    return {x: decimal(search, 'fp-x', 0, 1) ?? 0.5, y: decimal(search, 'fp-y', 0, 1) ?? 0.5}
  }
  const directions = ['top', 'bottom', 'left', 'right', 'center']
  if (modes.some((mode) => !directions.includes(mode)) || (has('top') && has('bottom')) || (has('left') && has('right'))) {
    throw invalid()
  }
  return {x: has('left') ? 0 : has('right') ? 1 : 0.5, y: has('top') ? 0 : has('bottom') ? 1 : 0.5}
}

function rect(search: URLSearchParams): Region | undefined {
  const raw = read(search, 'rect')
  if (raw === undefined) return undefined
  const parts = raw.split(',')
  if (parts.length !== 4 || !parts.every((part) => /^\d{1,6}$/.test(part))) {
    throw new ImageParamError(`"rect" must be left,top,width,height in whole pixels, got "${raw}"`)
  }
  const [left, top, width, height] = parts.map(Number) as [number, number, number, number]
  if (width < 1 || height < 1) throw new ImageParamError('"rect" must be at least one pixel wide and high')
  return {left, top, width, height}
}

// RGB, ARGB, RRGGBB or AARRGGBB: the alpha comes first, as in the hosted pipeline.
function background(search: URLSearchParams): Rgba | undefined {
  const raw = read(search, 'bg')
  if (raw === undefined) return undefined
  if (!/^([0-9a-f]{3,4}|[0-9a-f]{6}|[0-9a-f]{8})$/i.test(raw)) {
    throw new ImageParamError(`"bg" must be a hex colour (RGB, ARGB, RRGGBB or AARRGGBB), got "${raw}"`)
  }
  const digits = raw.length <= 4 ? [...raw].map((digit) => digit + digit).join('') : raw
  const channels = (digits.match(/../g) ?? []).map((pair) => parseInt(pair, 16))
  const [alpha, r, g, b] = (channels.length === 4 ? channels : [255, ...channels]) as [number, number, number, number]
  return {r, g, b, alpha: alpha / 255}
}

function flag(search: URLSearchParams, name: string): boolean {
  const raw = read(search, name)
  if (raw === undefined || raw === 'false' || raw === '0') return false
  if (raw === 'true' || raw === '1') return true
  throw new ImageParamError(`"${name}" must be true or false, got "${raw}"`)
}

export function parseImageParams(search: URLSearchParams, canWriteAvif: boolean): ImageParams {
  const auto = read(search, 'auto')?.split(',') ?? []
  if (auto.some((mode) => mode !== 'format')) throw new ImageParamError(`"auto" must be "format", got "${auto.join(',')}"`)
  const frame = read(search, 'frame')
  if (frame !== undefined && frame !== '1') throw new ImageParamError(`"frame" must be 1, got "${frame}"`)
  const flip = oneOf(search, 'flip', ['h', 'v', 'hv', 'vh'])
  const formats: RequestedFormat[] = ['jpg', 'pjpg', 'png', 'webp', ...(canWriteAvif ? (['avif'] as const) : [])]
  const orientation = oneOf(search, 'or', ['0', '90', '180', '270'])
  return {
    width: size(search, 'w'),
    height: size(search, 'h'),
    fit: oneOf(search, 'fit', FITS) ?? 'clip',
    anchor: anchor(search),
    rect: rect(search),
    dpr: decimal(search, 'dpr', 0.1, 5) ?? 1,
    bounds: {
      minWidth: size(search, 'min-w'),
      maxWidth: size(search, 'max-w'),
      minHeight: size(search, 'min-h'),
      maxHeight: size(search, 'max-h'),
    },
    pad: integer(search, 'pad', 0, MAX_OUTPUT_SIZE) ?? 0,
    orientation: orientation === undefined ? 0 : (Number(orientation) as Orientation),
    flipHorizontal: flip?.includes('h') ?? false,
    flipVertical: flip?.includes('v') ?? false,
    background: background(search),
    blur: integer(search, 'blur', 0, 2000) ?? 0,
    sharpen: integer(search, 'sharp', 0, 100) ?? 0,
    saturation: integer(search, 'sat', -100, 100) ?? 0,
    invert: flag(search, 'invert'),
    format: oneOf(search, 'fm', formats),
    autoFormat: auto.length > 0,
    quality: integer(search, 'q', 0, 100),
    download: search.get('dl') ?? undefined,
  }
}
