import type {RequestHandler} from 'express'
import {ACTION_METHODS} from './body-limits'

/**
 * Remix refuses an action whose Origin names another host than the request's Host (or
 * X-Forwarded-Host) by throwing, which answers 500 and logs a stack. The same rule is applied
 * here first, so a form posted from another site gets a plain 403. The site's own checks
 * against SITE_URL (app/security/same-origin.server.ts) still run after it for what passes.
 */
function originHost(origin: string): string | null {
  if (origin === 'null') return null
  try {
    return new URL(origin).host
  } catch {
    return null
  }
}

export const refuseCrossOriginActions: RequestHandler = (req, res, next) => {
  const origin = req.headers.origin
  if (!ACTION_METHODS.has(req.method) || !origin) return next()
  const forwardedHost = req.headers['x-forwarded-host']?.toString().split(',')[0]?.trim()
  const host = forwardedHost || req.headers.host
  if (host && originHost(origin) === host) return next()
  res.setHeader('Cache-Control', 'no-store')
  res.status(403).type('text/plain').send('This form was sent from another site, so it was not accepted.\n')
}
