import type {RequestHandler} from 'express'
import {ACTION_METHODS, type BodyRuleFor} from './body-limits'
import {readBodyOf} from './request-body'

/**
 * The site's actions read browser forms with `request.formData()`, which throws on anything
 * else and would answer 500. A form route's body that is not a form, or a form that can't be
 * parsed, is answered here instead: 415 or 400, with a short reason. (Bodies are at most the
 * comment form's 64 KB by now, so parsing one twice costs little.)
 */
const FORM_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data']

function refuse(res: Parameters<RequestHandler>[1], status: 400 | 415, message: string): void {
  res.setHeader('Cache-Control', 'no-store')
  res.status(status).type('text/plain').send(`${message}\n`)
}

export function refuseUnreadableForms(ruleFor: BodyRuleFor): RequestHandler {
  return (req, res, next) => {
    if (!ACTION_METHODS.has(req.method) || ruleFor(req.method, req.path).body !== 'form') return next()
    const body = readBodyOf(req)
    // Left unread on purpose (over the limit, for the route to answer): nothing to check.
    if (body?.kind === 'oversized') return next()
    const type = req.headers['content-type'] ?? ''
    const mediaType = type.split(';')[0]!.trim().toLowerCase()
    if (!FORM_TYPES.includes(mediaType)) {
      return refuse(res, 415, 'This address takes a form (application/x-www-form-urlencoded or multipart/form-data).')
    }
    new Response(body?.bytes ?? null, {headers: {'content-type': type}}).formData().then(
      () => next(),
      () => refuse(res, 400, 'The form that was sent could not be read.'),
    )
  }
}
