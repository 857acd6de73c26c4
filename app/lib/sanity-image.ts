import {createImageUrlBuilder} from '@sanity/image-url'

/** An image field with its asset expanded as the site's queries expand it. */
export interface ImageSource {
  asset?: {
    _id: string
    url?: string | null
    metadata?: {lqip?: string | null; dimensions?: {width: number; height: number} | null} | null
  } | null
  crop?: {left: number; right: number; top: number; bottom: number} | null
  hotspot?: {x: number; y: number; width: number; height: number} | null
  alt?: string | null
}

// Steps for srcset: from a phone in portrait to a 2x screen filling the measure.
const WIDTHS = [320, 480, 640, 800, 960, 1280, 1600]

/**
 * A builder for the CDN the asset lives on. The asset's own URL says where that is
 * (cdn.sanity.io, or the local lake) and which project and dataset it belongs to.
 */
function builderFor(image: ImageSource) {
  const url = image.asset?.url
  if (!url) return null
  const {origin, pathname} = new URL(url)
  const [, kind, projectId, dataset] = pathname.split('/')
  if (kind !== 'images' || !projectId || !dataset) return null
  // The editor's crop and hotspot are applied by the builder from the image object itself.
  return createImageUrlBuilder({projectId, dataset, baseUrl: origin}).image({
    asset: {_ref: image.asset!._id},
    ...(image.crop ? {crop: image.crop} : {}),
    ...(image.hotspot ? {hotspot: image.hotspot} : {}),
  } as Parameters<ReturnType<typeof createImageUrlBuilder>['image']>[0])
}

/** The size the image shows at after the editor's crop: what width and height attributes need. */
export function croppedDimensions(image: ImageSource): {width: number; height: number} | null {
  const dimensions = image.asset?.metadata?.dimensions
  if (!dimensions) return null
  const crop = image.crop ?? {left: 0, right: 0, top: 0, bottom: 0}
  return {
    width: Math.round(dimensions.width * (1 - crop.left - crop.right)),
    height: Math.round(dimensions.height * (1 - crop.top - crop.bottom)),
  }
}

export interface ResponsiveImage {
  src: string
  srcSet: string
  width: number
  height: number
  placeholder: string | null
}

/** `src`, `srcset` (never wider than the original) and the size to reserve before it loads. */
export function responsiveImage(image: ImageSource): ResponsiveImage | null {
  const builder = builderFor(image)
  const size = croppedDimensions(image)
  if (!builder || !size) return null
  const largest = Math.min(size.width, WIDTHS[WIDTHS.length - 1]!)
  const widths = [...WIDTHS.filter((width) => width < largest), largest]
  const at = (width: number) => builder.width(width).fit('max').auto('format').url()
  return {
    src: at(Math.min(size.width, 800)),
    srcSet: widths.map((width) => `${at(width)} ${width}w`).join(', '),
    width: size.width,
    height: size.height,
    placeholder: image.asset?.metadata?.lqip ?? null,
  }
}

/** The 1200×630 crop that Open Graph and Twitter cards show best. */
export function socialImageUrl(image: ImageSource): {url: string; width: number; height: number} | null {
  const builder = builderFor(image)
  if (!builder) return null
  return {url: builder.width(1200).height(630).fit('crop').auto('format').url(), width: 1200, height: 630}
}
