import type {AssetKind} from '../../assets/asset-names'
import {InvalidImageError, type MetadataPart} from '../../assets/image-metadata'
import {uploadAsset, type UploadOptions} from '../../assets/upload'
import {pathParam, type Route} from '../context'
import {apiError} from '../errors'
import {publicBaseUrl} from '../public-url'
import {readBody} from '../request'

// Every `meta` value the hosted API knows. This lake computes lqip and palette; the others are
// accepted and left out (blurhash, thumbhash, exif, location, image).
const META_VALUES = new Set(['location', 'exif', 'image', 'palette', 'lqip', 'blurhash', 'thumbhash', 'none'])
const DEFAULT_META = ['lqip', 'palette', 'blurhash']

function text(search: URLSearchParams, name: string): string | undefined {
  const value = search.get(name)
  return value === null || value === '' ? undefined : value
}

function metadataParts(search: URLSearchParams): Set<MetadataPart> {
  // The client repeats `meta` for each value; commas are accepted too.
  const values = search
    .getAll('meta')
    .flatMap((value) => value.split(','))
    .map((value) => value.trim())
    .filter(Boolean)
  for (const value of values) {
    if (!META_VALUES.has(value)) throw apiError(400, `Invalid "meta" value "${value}"`)
  }
  const requested = values.length > 0 ? values : DEFAULT_META
  return new Set(requested.filter((value): value is MetadataPart => value === 'lqip' || value === 'palette'))
}

function uploadOptions(search: URLSearchParams, contentType: string | undefined): UploadOptions {
  const [id, name, url] = [text(search, 'sourceId'), text(search, 'sourceName'), text(search, 'sourceUrl')]
  if ((id || name || url) && !(id && name)) {
    throw apiError(400, '"sourceId" and "sourceName" must be given together')
  }
  return {
    filename: text(search, 'filename'),
    label: text(search, 'label'),
    title: text(search, 'title'),
    description: text(search, 'description'),
    creditLine: text(search, 'creditLine'),
    ...(id && name ? {source: {id, name, ...(url ? {url} : {})}} : {}),
    metadata: metadataParts(search),
    contentType,
  }
}

/** `POST /v{apiVersion}/assets/images/{dataset}` and `…/assets/files/{dataset}`: the raw body is the asset. */
export function uploadRoute(kind: AssetKind): Route {
  return async ({req, url, params, access, lake}) => {
    if (!access.canWrite) throw apiError(403, 'Insufficient permissions; a token with write access is required')
    const options = uploadOptions(url.searchParams, req.headers['content-type'])
    const bytes = await readBody(req)
    try {
      const document = await uploadAsset(kind, bytes, options, {
        lake,
        access,
        dataset: pathParam(params, 'dataset'),
        baseUrl: publicBaseUrl(req, lake.config),
      })
      return {document}
    } catch (error) {
      if (error instanceof InvalidImageError) throw apiError(400, error.message)
      throw error
    }
  }
}
