import sharp from 'sharp'

export type Rgb = [number, number, number]

export const RED: Rgb = [255, 0, 0]
export const BLUE: Rgb = [0, 0, 255]
export const GREEN: Rgb = [0, 255, 0]

/**
 * A PNG whose left half is `left` and right half `right` (and, given `bottom`, whose bottom
 * half is that colour instead): crops, rects and flips show in which colour ends up where.
 */
export async function halvesPng(width: number, height: number, left: Rgb = RED, right: Rgb = BLUE, bottom?: Rgb): Promise<Buffer> {
  const pixels = Buffer.alloc(width * height * 3)
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const colour = bottom && y >= height / 2 ? bottom : x < width / 2 ? left : right
      pixels.set(colour, (y * width + x) * 3)
    }
  }
  return sharp(pixels, {raw: {width, height, channels: 3}})
    .png()
    .toBuffer()
}

/** Width, height and format of encoded image bytes, as sharp reads them. */
export async function imageInfo(bytes: Uint8Array): Promise<{width: number; height: number; format: string}> {
  const {width, height, format} = await sharp(bytes).metadata()
  return {width, height, format}
}

/** The RGB colour at a pixel of encoded image bytes. */
export async function pixel(bytes: Uint8Array, x: number, y: number): Promise<Rgb> {
  const {data, info} = await sharp(bytes).removeAlpha().raw().toBuffer({resolveWithObject: true})
  const offset = (y * info.width + x) * info.channels
  return [data[offset]!, data[offset + 1]!, data[offset + 2]!]
}

/** Whether two colours are alike within lossy-compression noise. */
export function near(actual: Rgb, expected: Rgb, tolerance = 40): boolean {
  return actual.every((value, index) => Math.abs(value - expected[index]!) <= tolerance)
}
