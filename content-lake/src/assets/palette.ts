// A colour palette like the one Sanity stores in `metadata.palette`: the dominant colour plus
// vibrant and muted swatches in three lightness bands. The swatch targets are the published
// defaults of Android's Palette, which the hosted pipeline's output resembles.

export interface PaletteSwatch {
  _type: 'sanity.imagePaletteSwatch'
  background: string
  foreground: string
  title: string
  /** Share of the image's opaque pixels with (nearly) this colour, in percent. */
  population: number
}

type TargetName = 'vibrant' | 'lightVibrant' | 'darkVibrant' | 'muted' | 'lightMuted' | 'darkMuted'

export type ImagePalette = {_type: 'sanity.imagePalette'} & Partial<Record<TargetName | 'dominant', PaletteSwatch>>

interface Colour {
  r: number
  g: number
  b: number
  count: number
  saturation: number
  lightness: number
}

type Range = readonly [min: number, target: number, max: number]

const LIGHT: Range = [0.55, 0.74, 1]
const NORMAL: Range = [0.3, 0.5, 0.7]
const DARK: Range = [0, 0.26, 0.45]
const VIBRANT: Range = [0.35, 1, 1]
const MUTED: Range = [0, 0.3, 0.4]

const TARGETS: readonly {name: TargetName; lightness: Range; saturation: Range}[] = [
  {name: 'vibrant', lightness: NORMAL, saturation: VIBRANT},
  {name: 'lightVibrant', lightness: LIGHT, saturation: VIBRANT},
  {name: 'darkVibrant', lightness: DARK, saturation: VIBRANT},
  {name: 'muted', lightness: NORMAL, saturation: MUTED},
  {name: 'lightMuted', lightness: LIGHT, saturation: MUTED},
  {name: 'darkMuted', lightness: DARK, saturation: MUTED},
]

function hex({r, g, b}: {r: number; g: number; b: number}): string {
  return `#${[r, g, b].map((value) => value.toString(16).padStart(2, '0')).join('')}`
}

function relativeLuminance({r, g, b}: {r: number; g: number; b: number}): number {
  const linear = (value: number) => {
    const c = value / 255
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4
  }
  return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b)
}

function colour(r: number, g: number, b: number, count: number): Colour {
  const max = Math.max(r, g, b) / 255
  const min = Math.min(r, g, b) / 255
  const lightness = (max + min) / 2
  const delta = max - min
  const saturation = delta === 0 ? 0 : delta / (1 - Math.abs(2 * lightness - 1))
  return {r, g, b, count, saturation, lightness}
}

/** Reads an RGBA pixel buffer (a thumbnail is plenty); fully transparent areas do not count. */
export function paletteFromPixels(rgba: Uint8Array): ImagePalette {
  // 4 bits per channel: coarse enough that near-identical shades pool their population.
  const buckets = new Map<number, {r: number; g: number; b: number; count: number}>()
  let total = 0
  for (let i = 0; i + 3 < rgba.length; i += 4) {
    if (rgba[i + 3]! < 128) continue
    const r = rgba[i]!
    const g = rgba[i + 1]!
    const b = rgba[i + 2]!
    const key = ((r >> 4) << 8) | ((g >> 4) << 4) | (b >> 4)
    const bucket = buckets.get(key) ?? {r: 0, g: 0, b: 0, count: 0}
    bucket.r += r
    bucket.g += g
    bucket.b += b
    bucket.count++
    buckets.set(key, bucket)
    total++
  }
  const palette: ImagePalette = {_type: 'sanity.imagePalette'}
  const colours = [...buckets.values()]
    .map(({r, g, b, count}) => colour(Math.round(r / count), Math.round(g / count), Math.round(b / count), count))
    .sort((a, b) => b.count - a.count)
  const dominant = colours[0]
  if (!dominant) return palette

  const swatch = (chosen: Colour): PaletteSwatch => {
    // Whichever of white and black contrasts more with the background.
    const text = relativeLuminance(chosen) > 0.179 ? '#000' : '#fff'
    return {
      _type: 'sanity.imagePaletteSwatch',
      background: hex(chosen),
      foreground: text,
      title: text,
      population: Math.round((chosen.count / total) * 10_000) / 100,
    }
  }

  palette.dominant = swatch(dominant)
  const used = new Set<Colour>()
  for (const {name, lightness, saturation} of TARGETS) {
    let best: Colour | undefined
    let bestScore = -Infinity
    for (const candidate of colours) {
      if (used.has(candidate)) continue
      if (candidate.lightness < lightness[0] || candidate.lightness > lightness[2]) continue
      if (candidate.saturation < saturation[0] || candidate.saturation > saturation[2]) continue
      const score =
        0.24 * (1 - Math.abs(candidate.saturation - saturation[1])) +
        0.52 * (1 - Math.abs(candidate.lightness - lightness[1])) +
        0.24 * (candidate.count / dominant.count)
      if (score > bestScore) {
        best = candidate
        bestScore = score
      }
    }
    if (best) {
      used.add(best)
      palette[name] = swatch(best)
    }
  }
  return palette
}
