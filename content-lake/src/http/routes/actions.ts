import {pathParam, type Route} from '../context'
import {apiError} from '../errors'
import {flag, readJsonObject} from '../request'

/** `POST /v{apiVersion}/data/actions/{dataset}`: Studio's document actions, as one transaction. */
export const actionsRoute: Route = async ({req, url, params, access, lake}) => {
  const body = (await readJsonObject(req)) as {actions?: unknown; transactionId?: unknown; dryRun?: unknown}
  const transactionId = body.transactionId ?? undefined
  if (transactionId !== undefined && (typeof transactionId !== 'string' || transactionId === '')) {
    throw apiError(400, '"transactionId" must be a non-empty string')
  }
  return lake.act(
    pathParam(params, 'dataset'),
    {actions: body.actions, transactionId, dryRun: body.dryRun === true || flag(url.searchParams, 'dryRun')},
    access,
  )
}
