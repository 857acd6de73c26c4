import {RESPONDED, type Route} from '../context'
import {readBody} from '../request'

// Answers for the hosted platform's endpoints that Studio calls and the lake has nothing behind:
// empty lists and "no" everywhere, so that Studio switches the hosted features off quietly.

/**
 * `GET /v{apiVersion}/ping` and `…/data/ping/{dataset}`: liveness. `Timing-Allow-Origin` lets
 * Studio read the request's protocol from the browser's timings, to warn when it is not HTTP/2.
 */
export const pingRoute: Route = async ({res}) => {
  res.writeHead(200, {'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store', 'timing-allow-origin': '*'})
  res.end('PONG')
  return RESPONDED
}

/** `GET /v{apiVersion}/auth/providers`: no login providers; a local token is the only way in. */
export const authProvidersRoute: Route = async () => ({providers: []})

/** `GET /v{apiVersion}/features`: no hosted features (releases, comments, tasks…). */
export const featuresRoute: Route = async () => []

/** `GET /v{apiVersion}/journey/…`: no announcements, trials or upsells. */
export const journeyRoute: Route = async () => null

/** `GET /v{apiVersion}/intake/telemetry-status`: telemetry is declined, so Studio sends none. */
export const telemetryStatusRoute: Route = async () => ({status: 'denied'})

/** `POST /v{apiVersion}/intake/batch`: telemetry that is sent anyway is discarded unread. */
export const intakeBatchRoute: Route = async ({req}) => {
  await readBody(req)
  return {}
}

/** `GET /v{apiVersion}/schedules/{projectId}/{dataset}`: no scheduled publishing. */
export const schedulesRoute: Route = async () => ({schedules: []})
