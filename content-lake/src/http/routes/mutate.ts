import {pathParam, type Route} from '../context'
import {apiError} from '../errors'
import {flag, readJsonObject} from '../request'

/** `POST /v{apiVersion}/data/mutate/{dataset}`: one atomic transaction per request. */
export const mutateRoute: Route = async ({req, url, params, access, lake}) => {
  const dataset = pathParam(params, 'dataset')
  const body = (await readJsonObject(req)) as {
    mutations?: unknown
    transactionId?: unknown
    dryRun?: unknown
  }
  // The client sends transactionId in the body; the docs also allow it in the query string.
  const transactionId = body.transactionId ?? url.searchParams.get('transactionId') ?? undefined
  if (transactionId !== undefined && (typeof transactionId !== 'string' || transactionId === '')) {
    throw apiError(400, '"transactionId" must be a non-empty string')
  }
  const response = await lake.mutate(
    dataset,
    {
      mutations: body.mutations,
      transactionId,
      dryRun: body.dryRun === true || flag(url.searchParams, 'dryRun'),
      autoGenerateArrayKeys: flag(url.searchParams, 'autoGenerateArrayKeys'),
    },
    access,
  )
  // Ids and operations always come back (the client always asks for them with returnIds).
  const returnDocuments = flag(url.searchParams, 'returnDocuments')
  return {
    transactionId: response.transactionId,
    results: response.results.map(({id, operation, document}) => (returnDocuments ? {id, operation, document} : {id, operation})),
  }
}
