import {requireUser} from '../auth'
import {pathParam, type Route} from '../context'
import {apiError} from '../errors'
import {readBody, readJsonObject} from '../request'

/**
 * `GET /v1/help?m=sanity@<version>&locale=…` (tag `module.version-check`): the content of Studio's
 * help menu (resource links, welcome videos) edited on sanity.io. Nothing of it applies offline;
 * an empty answer makes Studio show its built-in links instead, as it does when the menu has none.
 */
export const helpRoute: Route = async () => ({})

// A claim is valid for a day on the hosted API; Studio claims again on every load anyway.
const CLAIM_LIFETIME_MS = 24 * 60 * 60 * 1000
const MAX_ID_LENGTH = 512

/**
 * `POST /v{apiVersion}/descriptors/claim` with `{descriptorId, contextKey}`: Studio uploading its
 * schema for Sanity's hosted features (the schema is read only by sanity.io's dashboard, agents
 * and the like). The lake needs no copy, so it keeps none and answers that the synchronization is
 * complete: Studio then sends nothing further (no `/descriptors/synchronize`).
 */
export const descriptorsClaimRoute: Route = async ({req, access, lake}) => {
  requireUser(access, lake.tokens.current())
  const {descriptorId, contextKey} = await readJsonObject(req)
  for (const [name, value] of Object.entries({descriptorId, contextKey})) {
    if (typeof value !== 'string' || value === '' || value.length > MAX_ID_LENGTH) {
      throw apiError(400, `"${name}" must be a non-empty string of at most ${MAX_ID_LENGTH} characters`)
    }
  }
  return {expiresAt: new Date(Date.now() + CLAIM_LIFETIME_MS).toISOString(), synchronization: {type: 'complete'}}
}

/**
 * `GET /v1/modules/{package}/{tag}/^{version}/t{timestamp}`: Sanity's module CDN, which Studio
 * asks on load and every 15 minutes for the newest release of `sanity`, to offer an update. The
 * lake serves the Studio it was built with and knows of no other release, so it answers that the
 * newest is the one asked about: Studio offers no update. (The lake points the Studio's bundle
 * here instead of at Sanity's CDN; see studio-hosted-assets.ts.)
 */
export const moduleVersionRoute: Route = async ({params}) => {
  const version = pathParam(params, 'version')
  return {latest: version, packageVersion: version}
}

/** A Sentry envelope's header: one line of JSON naming the project (`dsn`) it is for. */
function envelopeItems(body: string): string[] {
  const [header = '', ...items] = body.split('\n')
  let parsed: unknown
  try {
    parsed = JSON.parse(header)
  } catch {
    throw apiError(400, 'The envelope must begin with a line of JSON')
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed) || typeof (parsed as {dsn?: unknown}).dsn !== 'string') {
    throw apiError(400, 'The envelope header must be a JSON object with a "dsn"')
  }
  return items.filter((line) => line.trim() !== '')
}

/**
 * `POST /vX/intake/feedback`: Sanity's tunnel to Sentry for the help menu's "Share feedback"
 * (the lake points the bundle's hosted address here, see studio-hosted-assets.ts). Studio first
 * checks the tunnel with an envelope of a header and no items; Sentry accepts that with a 200 and
 * creates nothing, and so does the lake. Feedback itself (an envelope with items) would have to
 * reach Sentry, which an offline lake does not do: a 502, as the tunnel answers when Sentry is out
 * of reach, so Studio tells the editor it was not sent. Nothing is kept either way.
 */
export const feedbackRoute: Route = async ({req}) => {
  const items = envelopeItems((await readBody(req)).toString('utf8'))
  if (items.length > 0) throw apiError(502, 'Feedback is not delivered: this Content Lake runs offline and forwards nothing to Sanity')
  return {}
}
