import type {ImageParams, RequestedFormat} from './image-params'

export type OutputFormat = RequestedFormat | 'gif'

export const CONTENT_TYPES: Record<OutputFormat, string> = {
  jpg: 'image/jpeg',
  pjpg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  avif: 'image/avif',
  gif: 'image/gif',
}

// Sources that auto=format turns into WebP. GIF and SVG stay as they are: only the first frame
// of an animation would survive, and a vector image would become pixels.
const AUTO_FORMAT_SOURCES = new Set(['jpg', 'png', 'tiff'])

/** Whether an Accept header takes WebP (`image/webp`, not with `q=0`). */
function acceptsWebp(accept: string | undefined): boolean {
  return (accept ?? '').split(',').some((entry) => {
    const [type, ...parameters] = entry.split(';').map((part) => part.trim().toLowerCase())
    return type === 'image/webp' && !parameters.some((parameter) => /^q=0(\.0*)?$/.test(parameter))
  })
}

/** The format asked for: WebP for auto=format when the client takes it, else `fm`; none: the source's. */
export function requestedFormat(
  params: Pick<ImageParams, 'autoFormat' | 'format'>,
  sourceExtension: string,
  accept: string | undefined,
): OutputFormat | undefined {
  if (params.autoFormat && AUTO_FORMAT_SOURCES.has(sourceExtension) && acceptsWebp(accept)) return 'webp'
  return params.format
}

/** What a rendering is written as when no format is asked for: the source's own, else lossless PNG. */
export function defaultFormat(sourceExtension: string): OutputFormat {
  return sourceExtension in CONTENT_TYPES ? (sourceExtension as OutputFormat) : 'png'
}
