import type {RequestHandler} from 'express'

/**
 * WordPress addresses end with a slash (`/2013/07/25/slug/`); the same address without it
 * moves there permanently, so every page has one address for readers and search engines.
 * Files (a dot in the last segment, e.g. Remix's `.data` requests) and Remix's own endpoints
 * (`/__manifest`) are left alone. This has to
 * happen before Remix: its data requests drop the slash, so a loader can't tell the two apart.
 */
export const canonicalTrailingSlash: RequestHandler = (req, res, next) => {
  if (req.method !== 'GET' && req.method !== 'HEAD') return next()
  const queryStart = req.originalUrl.indexOf('?')
  const pathname = queryStart < 0 ? req.originalUrl : req.originalUrl.slice(0, queryStart)
  const search = queryStart < 0 ? '' : req.originalUrl.slice(queryStart)
  const lastSegment = pathname.slice(pathname.lastIndexOf('/') + 1)
  if (pathname.endsWith('/') || lastSegment.includes('.') || pathname.startsWith('/__')) return next()
  // Collapse leading slashes so "//evil.example/x" can never become an off-site redirect.
  const path = `/${pathname.replace(/^\/+/, '')}/`
  res.redirect(301, `${path}${search}`)
}
