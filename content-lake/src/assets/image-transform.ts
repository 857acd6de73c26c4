import sharp, {type Sharp} from 'sharp'
import {lowerThreadsNamed} from '../cpu-priority'
import {locateCrop, sameSize, type GeometryPlan} from './image-geometry'
import type {OutputFormat} from './image-format'
import type {ImageParams, Rgba} from './image-params'

export type Effects = Pick<ImageParams, 'background' | 'blur' | 'sharpen' | 'saturation' | 'invert'>

/** What one render may cost. */
export interface RenderBudget {
  /** Larger sources are refused before they are decoded. */
  maxInputPixels: number
  timeoutSeconds: number
}

// One thread per render (libvips would take every core for each): CONTENT_LAKE_IMAGE_RENDERS
// then bounds the cores that renders can take, at a lower priority (cpu-priority.ts).
sharp.concurrency(1)

/** A render that would cost more than its budget allows. */
export class RenderTooCostlyError extends Error {
  override name = 'RenderTooCostlyError'
}

/** Whether sharp's libvips build here can encode AVIF. */
export const CAN_WRITE_AVIF = sharp.format.heif.output.buffer

// The hosted pipeline's default quality.
const DEFAULT_QUALITY = 75
const WHITE: Rgba = {r: 255, g: 255, b: 255, alpha: 1}
const TRANSPARENT: Rgba = {r: 0, g: 0, b: 0, alpha: 0}

export function changesPixels(effects: Effects): boolean {
  return effects.background !== undefined || effects.blur > 0 || effects.sharpen > 0 || effects.saturation !== 0 || effects.invert
}

/**
 * Rotation, rect and flips happen on their own first, into raw pixels: sharp orders the
 * operations of one pipeline itself, and these must come before the crop and the resize.
 */
async function oriented(source: string, plan: GeometryPlan, budget: RenderBudget): Promise<Sharp> {
  const limits = {limitInputPixels: budget.maxInputPixels}
  const pipeline = sharp(source, limits).autoOrient().timeout({seconds: budget.timeoutSeconds})
  if (!plan.rect && plan.orientation === 0 && !plan.flipHorizontal && !plan.flipVertical) return pipeline
  if (plan.rect) pipeline.extract(plan.rect)
  if (plan.orientation !== 0) pipeline.rotate(plan.orientation)
  if (plan.flipVertical) pipeline.flip()
  if (plan.flipHorizontal) pipeline.flop()
  const {data, info} = await pipeline.raw().toBuffer({resolveWithObject: true})
  return sharp(data, {...limits, raw: {width: info.width, height: info.height, channels: info.channels}}).timeout({
    seconds: budget.timeoutSeconds,
  })
}

/** sharp's own refusals (`limitInputPixels`, `timeout`), as a RenderTooCostlyError. */
async function withinBudget<T>(budget: RenderBudget, render: () => Promise<T>): Promise<T> {
  try {
    return await render()
  } catch (error) {
    const message = error instanceof Error ? error.message : ''
    if (message.includes('pixel limit')) {
      throw new RenderTooCostlyError(`The image has more than ${budget.maxInputPixels} pixels: it is served only as it is`)
    }
    if (message.startsWith('timeout')) {
      throw new RenderTooCostlyError(`Rendering took longer than ${budget.timeoutSeconds} s: ask for a smaller size or less blur`)
    }
    throw error
  }
}

function encode(pipeline: Sharp, format: OutputFormat, quality: number | undefined): Sharp {
  const q = Math.max(1, quality ?? DEFAULT_QUALITY)
  switch (format) {
    case 'jpg':
      return pipeline.jpeg({quality: q})
    case 'pjpg':
      return pipeline.jpeg({quality: q, progressive: true})
    case 'png':
      return pipeline.png()
    case 'webp':
      return pipeline.webp({quality: q})
    case 'avif':
      // AVIF is slow to encode; a lower effort keeps a request within a second or so.
      return pipeline.avif({quality: q, effort: 2})
    case 'gif':
      return pipeline.gif()
  }
}

/**
 * Renders a source image file as the plan, effects and output format say, within the budget
 * (a RenderTooCostlyError past it).
 */
export function renderImage(
  source: string,
  plan: GeometryPlan,
  effects: Effects,
  output: {format: OutputFormat; quality: number | undefined},
  budget: RenderBudget,
): Promise<Buffer> {
  lowerThreadsNamed(LIBVIPS_THREADS)
  // libvips starts its threads as it needs them: the ones this render started are lowered too.
  return withinBudget(budget, () => render(source, plan, effects, output, budget)).finally(() => lowerThreadsNamed(LIBVIPS_THREADS))
}

// What libvips names its threads, which do the pixel work.
const LIBVIPS_THREADS = 'libvips worker'

async function render(
  source: string,
  plan: GeometryPlan,
  effects: Effects,
  output: {format: OutputFormat; quality: number | undefined},
  budget: RenderBudget,
): Promise<Buffer> {
  const pipeline = await oriented(source, plan, budget)
  const {crop, working, image, canvas} = plan
  const {anchor} = crop
  const cropped = !sameSize(crop, working)
  if (cropped && anchor === 'entropy') {
    // sharp finds the busiest part of the image while it scales.
    pipeline.resize(image.width, image.height, {fit: 'cover', position: sharp.strategy.entropy})
  } else {
    if (cropped && anchor !== 'entropy') pipeline.extract(locateCrop({...crop, anchor}, working))
    if (!sameSize(image, crop)) pipeline.resize(image.width, image.height, {fit: 'fill'})
  }

  // JPEG has no alpha: transparent areas would turn black, so they default to white.
  const background = effects.background ?? (output.format === 'jpg' || output.format === 'pjpg' ? WHITE : TRANSPARENT)
  if (background.alpha === 1) pipeline.flatten({background})
  if (!sameSize(canvas, image)) {
    const left = Math.floor((canvas.width - image.width) / 2)
    const top = Math.floor((canvas.height - image.height) / 2)
    pipeline.extend({left, top, right: canvas.width - image.width - left, bottom: canvas.height - image.height - top, background})
  }

  // Sanity's blur runs to 2000, sharpen to 100; these map them onto sharp's sigmas.
  if (effects.blur > 0) pipeline.blur(Math.min(1000, Math.max(0.3, effects.blur / 10)))
  if (effects.sharpen > 0) pipeline.sharpen({sigma: 0.5 + effects.sharpen / 50})
  if (effects.saturation !== 0) pipeline.modulate({saturation: 1 + effects.saturation / 100})
  if (effects.invert) pipeline.negate({alpha: false})
  return encode(pipeline, output.format, output.quality).toBuffer()
}
