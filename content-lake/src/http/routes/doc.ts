import type {Route} from '../context'
import {apiError} from '../errors'

const MAX_IDS = 1000

/** `GET /v{apiVersion}/data/doc/{dataset}/{id[,id…]}`: documents by id, straight from the store. */
export const docRoute: Route = async ({req, url, rest, dataset, access, lake}) => {
  if (req.method !== 'GET') throw apiError(405, 'Documents are read with GET')
  const started = performance.now()
  const ids = rest
    .split(',')
    .map((id) => decodeURIComponent(id).trim())
    .filter(Boolean)
  if (ids.length === 0) throw apiError(400, 'At least one document ID is required')
  if (ids.length > MAX_IDS) throw apiError(400, `At most ${MAX_IDS} document IDs per request`)
  const {documents, omitted} = lake.getDocuments(dataset, ids, access)
  const ms = Math.round(performance.now() - started)
  return url.searchParams.get('excludeContent') === 'true'
    ? {ms, omitted}
    : {ms, documents, omitted}
}
