import {ImageParamError, MAX_OUTPUT_SIZE, type Anchor, type ImageParams, type Orientation, type Region} from './image-params'

export interface Size {
  width: number
  height: number
}

/** Everything a request does to an image's pixels geometrically, worked out before any pixel is read. */
export interface GeometryPlan {
  /** The part of the source (as displayed, after its EXIF orientation) to start from; absent: all. */
  rect?: Region
  orientation: Orientation
  flipHorizontal: boolean
  flipVertical: boolean
  /** The image after rect, rotation and flips. */
  working: Size
  /** The part of the working image that is kept; `anchor` places it when it is smaller. */
  crop: Size & {anchor: Anchor}
  /** What the crop is scaled to. */
  image: Size
  /** The output: the image centred on it, the rest filled with the background. */
  canvas: Size
}

export type GeometryParams = Pick<
  ImageParams,
  'width' | 'height' | 'fit' | 'anchor' | 'rect' | 'dpr' | 'bounds' | 'pad' | 'orientation' | 'flipHorizontal' | 'flipVertical'
>

const pixels = (value: number) => Math.max(1, Math.round(value))

function scaled(size: Size, factor: number): Size {
  return {width: pixels(size.width * factor), height: pixels(size.height * factor)}
}

export function sameSize(a: Size, b: Size): boolean {
  return a.width === b.width && a.height === b.height
}

// The hosted pipeline clips a rect to the image rather than refusing it.
function clipRect(rect: Region, source: Size): Region {
  const left = Math.min(rect.left, source.width)
  const top = Math.min(rect.top, source.height)
  const width = Math.min(rect.width, source.width - left)
  const height = Math.min(rect.height, source.height - top)
  if (width < 1 || height < 1) throw new ImageParamError('"rect" lies outside the image')
  return {left, top, width, height}
}

/** The largest part of `size` with the given aspect ratio. */
function largestWithAspect(size: Size, aspect: number): Size {
  return size.width / size.height > aspect
    ? {width: pixels(size.height * aspect), height: size.height}
    : {width: size.width, height: pixels(size.width / aspect)}
}

/**
 * A crop's box, let give way towards the source's aspect ratio within `min-w`/`max-w`/`min-h`/
 * `max-h`, so that less is cut off: first the side that would be cut grows, then the other shrinks.
 */
function relaxedBox(box: Size, source: Size, {bounds, dpr}: GeometryParams): Size {
  const aspect = source.width / source.height
  const lowest = (value: number, bound: number | undefined) => Math.min(value, bound === undefined ? value : bound * dpr)
  const highest = (value: number, bound: number | undefined) => Math.max(value, bound === undefined ? value : bound * dpr)
  let {width, height} = box
  if (aspect > width / height) {
    width = Math.min(height * aspect, highest(box.width, bounds.maxWidth))
    height = Math.max(width / aspect, lowest(box.height, bounds.minHeight))
  } else {
    height = Math.min(width / aspect, highest(box.height, bounds.maxHeight))
    width = Math.max(height * aspect, lowest(box.width, bounds.minWidth))
  }
  return {width: pixels(width), height: pixels(height)}
}

/** Sizes for a source of the given (displayed) size; an ImageParamError if the request cannot apply. */
export function planGeometry(source: Size, params: GeometryParams): GeometryPlan {
  const rect = params.rect && clipRect(params.rect, source)
  const base = rect ?? source
  const working = params.orientation % 180 === 0 ? {width: base.width, height: base.height} : {width: base.height, height: base.width}
  const width = params.width === undefined ? undefined : params.width * params.dpr
  const height = params.height === undefined ? undefined : params.height * params.dpr

  let crop: Size = working
  let image: Size = working
  let canvas: Size | undefined
  if (width !== undefined && height !== undefined) {
    const box = {width: pixels(width), height: pixels(height)}
    const contain = Math.min(width / working.width, height / working.height)
    const cover = Math.max(width / working.width, height / working.height)
    switch (params.fit) {
      case 'clip':
        image = scaled(working, contain)
        break
      case 'max':
        image = scaled(working, Math.min(contain, 1))
        break
      case 'scale':
        image = box
        break
      case 'fill':
        image = scaled(working, contain)
        canvas = box
        break
      case 'fillmax':
        image = scaled(working, Math.min(contain, 1))
        canvas = box
        break
      case 'crop':
        image = relaxedBox(box, working, params)
        crop = largestWithAspect(working, image.width / image.height)
        break
      case 'min':
        // The box's aspect ratio, but never larger than the source.
        crop = largestWithAspect(working, width / height)
        image = cover > 1 ? crop : box
        break
    }
  } else if (width !== undefined || height !== undefined) {
    const factor = width !== undefined ? width / working.width : height! / working.height
    const neverLarger = params.fit === 'max' || params.fit === 'fillmax' || params.fit === 'min'
    image = scaled(working, neverLarger ? Math.min(factor, 1) : factor)
  }
  const pad = Math.round(params.pad * params.dpr)
  canvas = {width: (canvas ?? image).width + 2 * pad, height: (canvas ?? image).height + 2 * pad}

  const excess = Math.max(canvas.width, canvas.height) / MAX_OUTPUT_SIZE
  if (excess > 1) {
    image = scaled(image, 1 / excess)
    canvas = scaled(canvas, 1 / excess)
  }
  return {
    ...(rect ? {rect} : {}),
    orientation: params.orientation,
    flipHorizontal: params.flipHorizontal,
    flipVertical: params.flipVertical,
    working,
    crop: {...crop, anchor: params.anchor},
    image,
    canvas,
  }
}

/** True when the plan leaves the source exactly as it is. */
export function keepsSource(plan: GeometryPlan): boolean {
  return (
    !plan.rect &&
    plan.orientation === 0 &&
    !plan.flipHorizontal &&
    !plan.flipVertical &&
    sameSize(plan.crop, plan.working) &&
    sameSize(plan.image, plan.working) &&
    sameSize(plan.canvas, plan.image)
  )
}

/** Where a crop smaller than the working image sits, for a point anchor. */
export function locateCrop(crop: Size & {anchor: {x: number; y: number}}, working: Size): Region {
  const place = (at: number, length: number, total: number) => Math.min(Math.max(Math.round(at * total - length / 2), 0), total - length)
  return {
    left: place(crop.anchor.x, crop.width, working.width),
    top: place(crop.anchor.y, crop.height, working.height),
    width: crop.width,
    height: crop.height,
  }
}
