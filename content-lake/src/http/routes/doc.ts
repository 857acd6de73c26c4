import {pathParam, type Route} from '../context'
import {apiError} from '../errors'

const MAX_IDS = 1000

/** `GET /v{apiVersion}/data/doc/{dataset}/{id[,id…]}`: documents by id, straight from the store. */
export const docRoute: Route = async ({url, params, access, lake}) => {
  const dataset = pathParam(params, 'dataset')
  const started = performance.now()
  const ids = pathParam(params, 'ids')
    .split(',')
    .map((id) => id.trim())
    .filter(Boolean)
  if (ids.length === 0) throw apiError(400, 'At least one document ID is required')
  if (ids.length > MAX_IDS) throw apiError(400, `At most ${MAX_IDS} document IDs per request`)
  const {documents, omitted} = lake.getDocuments(dataset, ids, access)
  const ms = Math.round(performance.now() - started)
  return url.searchParams.get('excludeContent') === 'true' ? {ms, omitted} : {ms, documents, omitted}
}
