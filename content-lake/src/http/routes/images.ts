import {imageAssetId, parseImageFileName} from '../../assets/asset-names'
import {AssetStore} from '../../assets/asset-store'
import {CONTENT_TYPES, defaultFormat, requestedFormat} from '../../assets/image-format'
import {keepsSource, planGeometry} from '../../assets/image-geometry'
import {ImageParamError, parseImageParams} from '../../assets/image-params'
import {CAN_WRITE_AVIF, changesPixels, renderImage, type Effects} from '../../assets/image-transform'
import {cachedRendition, renditionFile, renditionKey} from '../../assets/rendition-cache'
import {pathParam, type Route} from '../context'
import {apiError} from '../errors'
import {sendFile} from '../send-file'
import {downloadHeaders, notFound, publicAsset} from './files'

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
  const format = requested ?? defaultFormat(source.extension)
  const output = {format, quality: request.quality}
  const key = renditionKey(source.sha1, {plan, effects, output})
  const file = renditionFile(lake.config.dataDir, key, format === 'pjpg' ? 'jpg' : format)
  const {hit} = await cachedRendition(file, () => renderImage(sourceFile, plan, effects, output))
  return sendFile(req, res, {
    file,
    contentType: CONTENT_TYPES[format],
    etag: key,
    headers: {...headers, 'x-cache': hit ? 'HIT' : 'MISS'},
  })
}
