import {once} from 'node:events'
import type {ServerResponse} from 'node:http'
import type {SanityDocument} from '../../types'
import {pathParam, RESPONDED, type Route} from '../context'

/** Resolves once the response takes more data, or is gone (a client that hung up never drains). */
async function drained(res: ServerResponse): Promise<void> {
  const controller = new AbortController()
  await Promise.race([once(res, 'drain', {signal: controller.signal}), once(res, 'close', {signal: controller.signal})]).finally(() => controller.abort())
}

/**
 * `GET /v{apiVersion}/data/export/{dataset}[?types=a,b]`: every document the caller may read,
 * raw, as NDJSON, which is what `sanity dataset export` downloads. Without a token that is the
 * published documents only, as for queries. Written document by document, as fast as the
 * client reads.
 */
export const exportRoute: Route = async ({res, url, params, access, lake}) => {
  const types = (url.searchParams.get('types') ?? '')
    .split(',')
    .map((type) => type.trim())
    .filter(Boolean)
  const documents = (await lake.query(
    pathParam(params, 'dataset'),
    types.length > 0 ? {query: '*[_type in $types]', params: {types}, perspective: 'raw'} : {query: '*', params: {}, perspective: 'raw'},
    access,
  )) as SanityDocument[]
  res.writeHead(200, {'content-type': 'application/x-ndjson; charset=utf-8', 'cache-control': 'no-store'})
  for (const document of documents) {
    if (res.destroyed) return RESPONDED
    if (!res.write(`${JSON.stringify(document)}\n`)) await drained(res)
  }
  res.end()
  return RESPONDED
}
