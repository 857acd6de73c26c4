import {fileAssetId, parseFileFileName} from '../../assets/asset-names'
import {AssetStore} from '../../assets/asset-store'
import {ANONYMOUS, type ContentLake} from '../../lake'
import type {SanityDocument} from '../../types'
import {pathParam, type Route, type RouteContext} from '../context'
import {apiError} from '../errors'
import {attachment, sendFile} from '../send-file'

/**
 * The asset document behind a CDN URL, as the public may see it: a URL of another project, or
 * of an asset that is not (or no longer) in the dataset, is a 404.
 */
export function publicAsset(lake: ContentLake, params: RouteContext['params'], id: string): SanityDocument {
  const document =
    pathParam(params, 'projectId') === lake.config.projectId ? lake.getDocuments(pathParam(params, 'dataset'), [id], ANONYMOUS).documents[0] : undefined
  if (!document) throw notFound()
  return document
}

export function notFound() {
  return apiError(404, 'Asset not found')
}

/** `dl`: a download under the given name, else the vanity name, the original name or the URL's. */
export function downloadHeaders(download: string | undefined, params: RouteContext['params'], asset: SanityDocument): Record<string, string> {
  if (download === undefined) return {}
  const original = typeof asset.originalFilename === 'string' ? asset.originalFilename : undefined
  return {'content-disposition': attachment(download || params.vanity || original || pathParam(params, 'name'))}
}

/** `GET /files/{projectId}/{dataset}/{sha1}.{extension}[/{vanity name}]`: a file asset's bytes. */
export const fileRoute: Route = async ({req, res, url, params, lake}) => {
  const name = parseFileFileName(pathParam(params, 'name'))
  if (!name) throw notFound()
  const asset = publicAsset(lake, params, fileAssetId(name))
  return sendFile(req, res, {
    file: new AssetStore(lake.config.dataDir).file(pathParam(params, 'dataset'), name.sha1, name.extension),
    contentType: typeof asset.mimeType === 'string' ? asset.mimeType : 'application/octet-stream',
    etag: name.sha1,
    headers: downloadHeaders(url.searchParams.get('dl') ?? undefined, params, asset),
  })
}
