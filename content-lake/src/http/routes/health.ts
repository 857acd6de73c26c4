import type {Route} from '../context'
import {HttpError} from '../errors'

/** `GET|HEAD /healthz`: the process answers. Nothing else is looked at, so a busy lake is not restarted. */
export const livenessRoute: Route = async () => ({status: 'alive'})

/**
 * `GET|HEAD /readyz`: whether to send the lake traffic; a 503 with the reason when not (the
 * reason names no secrets: only a state and perhaps a dataset's name).
 */
export const readinessRoute: Route = async ({lake}) => {
  const reason = lake.unreadyReason()
  if (reason) throw new HttpError(503, {status: 'unready', reason})
  return {status: 'ready'}
}
