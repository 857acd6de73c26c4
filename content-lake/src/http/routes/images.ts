import {imageAssetId, parseImageFileName} from '../../assets/asset-names'
import {AssetStore} from '../../assets/asset-store'
import {CONTENT_TYPES, defaultFormat, requestedFormat} from '../../assets/image-format'
import {keepsSource, planGeometry} from '../../assets/image-geometry'
import {ImageParamError, parseImageParams} from '../../assets/image-params'
import {CAN_WRITE_AVIF, changesPixels, renderImage, RenderTooCostlyError, type Effects} from '../../assets/image-transform'
import {RenderQueueFullError} from '../../assets/render-queue'
import {renditionFile, renditionKey} from '../../assets/rendition-cache'
import {renditionsOf} from '../../assets/renditions'
import {pathParam, type Route} from '../context'
import {apiError, busy} from '../errors'
import {sendFile} from '../send-file'
import {downloadHeaders, notFound, publicAsset} from './files'

// When the render queue is full, a client tries again after this long.
const RETRY_AFTER_SECONDS = 2

/** A render refused for its cost (422: the same request would fail again) or for a full queue (503). */
async function withinRenderLimits<T>(render: () => Promise<T>): Promise<T> {
  try {
    return await render()
  } catch (error) {
    if (error instanceof RenderTooCostlyError) throw apiError(422, error.message)
    if (error instanceof RenderQueueFullError) throw busy(503, error.message, RETRY_AFTER_SECONDS)
    throw error
  }
}

function badRequestOnInvalidParams<T>(work: () => T): T {
  try {
    return work()
  } catch (error) {
    if (error instanceof ImageParamError) throw apiError(400, error.message)
    throw error
  }
}

/**
 * `GET /images/{projectId}/{dataset}/{sha1}-{w}x{h}.{extension}[/{vanity name}]`: the image as
 * Sanity's CDN serves it, transformed by the query parameters; renderings are cached on disk.
 */
export const imageRoute: Route = async ({req, res, url, params, lake}) => {
  const source = parseImageFileName(pathParam(params, 'name'))
  if (!source) throw notFound()
  const asset = publicAsset(lake, params, imageAssetId(source))
  const {request, plan} = badRequestOnInvalidParams(() => {
    const request = parseImageParams(url.searchParams, CAN_WRITE_AVIF)
    return {request, plan: planGeometry(source, request)}
  })
  const requested = requestedFormat(request, source.extension, req.headers.accept)
  const effects: Effects = {
    background: request.background,
    blur: request.blur,
    sharpen: request.sharpen,
    saturation: request.saturation,
    invert: request.invert,
  }
  const headers = {
    ...downloadHeaders(request.download, params, asset),
    // The answer to auto=format depends on the Accept header; shared caches must know.
    // (Origin: CORS headers differ per origin, see http/cors.ts.)
    ...(request.autoFormat ? {vary: 'Accept, Origin'} : {}),
  }
  const store = new AssetStore(lake.config.dataDir)
  const dataset = pathParam(params, 'dataset')
  if (!(await store.has(dataset, source.sha1, source.extension))) throw notFound()
  const sourceFile = store.file(dataset, source.sha1, source.extension)

  if (keepsSource(plan) && !changesPixels(effects) && requested === undefined && request.quality === undefined) {
    return sendFile(req, res, {file: sourceFile, contentType: String(asset.mimeType), etag: source.sha1, headers})
  }
  const {images} = lake.config
  if (source.width * source.height > images.maxInputPixels) {
    throw apiError(422, `The image has more than ${images.maxInputPixels} pixels: it is served only as it is`)
  }
  const format = requested ?? defaultFormat(source.extension)
  const output = {format, quality: request.quality}
  const key = renditionKey(source.sha1, {plan, effects, output})
  const {cache, queue} = renditionsOf(lake)
  const file = renditionFile(cache.folder, key, format === 'pjpg' ? 'jpg' : format)
  const rendition = await withinRenderLimits(() => cache.rendition(file, () => queue.run(() => renderImage(sourceFile, plan, effects, output, images))))
  return sendFile(req, res, {
    file,
    ...(rendition.hit ? {} : {bytes: rendition.bytes}),
    contentType: CONTENT_TYPES[format],
    etag: key,
    headers: {...headers, 'x-cache': rendition.hit ? 'HIT' : 'MISS'},
  })
}
