import {parsePerspective} from '../../perspective'
import {pathParam, type Route} from '../context'
import {apiError} from '../errors'
import {flag, groqParamsFromSearch, readJsonObject} from '../request'

/** `GET|POST /v{apiVersion}/data/query/{dataset}`: GROQ, answered as `{query, result, ms}`. */
export const queryRoute: Route = async ({req, url, params: path, access, lake}) => {
  const dataset = pathParam(path, 'dataset')
  const started = performance.now()
  let query: unknown
  let params: Record<string, unknown>
  if (req.method === 'POST') {
    // The client switches to POST for long queries: query and params move to the body.
    const body = (await readJsonObject(req)) as {query?: unknown; params?: unknown}
    query = body.query
    params = body.params !== null && typeof body.params === 'object' && !Array.isArray(body.params) ? (body.params as Record<string, unknown>) : {}
  } else {
    query = url.searchParams.get('query')
    params = groqParamsFromSearch(url.searchParams)
  }
  if (typeof query !== 'string' || query.trim() === '') {
    throw apiError(400, 'The "query" parameter is required')
  }
  const perspective = parsePerspective(url.searchParams.get('perspective'), pathParam(path, 'apiVersion'))
  const result = await lake.query(dataset, {query, params, perspective}, access)
  const ms = Math.round(performance.now() - started)
  return flag(url.searchParams, 'returnQuery', true) ? {query, result, ms} : {result, ms}
}
