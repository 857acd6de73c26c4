import type {RequestHandler, Response as ExpressResponse} from 'express'
import helmet from 'helmet'
import type {AppServices} from './app-build'

/**
 * The browser protections every answer carries, set first so that nothing (a static file, a
 * 304, a redirect, a refusal at the door, an error) goes without them. A route's own value
 * replaces the default (site-handler.ts), as the preview's stricter Referrer-Policy does.
 */

/** Powerful features a blog never asks for, switched off for the site and anything it embeds. */
const PERMISSIONS_POLICY = [
  'accelerometer',
  'browsing-topics',
  'camera',
  'display-capture',
  'geolocation',
  'gyroscope',
  'hid',
  'magnetometer',
  'microphone',
  'midi',
  'payment',
  'publickey-credentials-get',
  'screen-wake-lock',
  'serial',
  'usb',
  'xr-spatial-tracking',
]
  .map((feature) => `${feature}=()`)
  .join(', ')

const ONE_YEAR_SECONDS = 365 * 24 * 60 * 60

/** The app's Content-Security-Policy: the sources its settings call for, written for each response's nonce. */
type ContentPolicy = Pick<AppServices, 'configuredPolicySources' | 'contentSecurityPolicy' | 'newScriptNonce'>

export function securityHeaders(policy: ContentPolicy): RequestHandler {
  const sources = policy.configuredPolicySources()
  const overHttps = new URL(sources.siteUrl).protocol === 'https:'
  const standard = helmet({
    // Set below: it names the nonce this response's page render uses.
    contentSecurityPolicy: false,
    xFrameOptions: {action: 'deny'},
    // helmet's default, no-referrer, makes browsers send `Origin: null` with the site's own
    // form posts, which the same-origin checks must refuse.
    referrerPolicy: {policy: 'strict-origin-when-cross-origin'},
    // Only a site served over https may ask to be; not its subdomains, which are not ours to decide.
    strictTransportSecurity: overHttps ? {maxAge: ONE_YEAR_SECONDS, includeSubDomains: false} : false,
  })
  return (req, res, next) => {
    const nonce = policy.newScriptNonce()
    res.locals.scriptNonce = nonce
    res.setHeader('Content-Security-Policy', policy.contentSecurityPolicy(nonce, sources))
    res.setHeader('Permissions-Policy', PERMISSIONS_POLICY)
    standard(req, res, next)
  }
}

/** The nonce `securityHeaders` chose for this response. */
export function scriptNonceOf(res: ExpressResponse): string {
  return res.locals.scriptNonce as string
}
