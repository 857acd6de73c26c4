import type {IncomingMessage} from 'node:http'
import type {RequestHandler, Response as ExpressResponse} from 'express'
import type {BodyRule, BodyRuleFor} from './body-limits'

/**
 * Reads every request body before anything else does, counting bytes as they arrive, so a
 * chunked body is held to the same limit as one that states its Content-Length. Past the
 * limit the answer is 413 at once and the connection is closed, so the rest is never read.
 */

type ReadBody =
  /** The whole body, within the limit. */
  | {kind: 'read'; bytes: Uint8Array<ArrayBuffer>}
  /** Stated to be over the limit and left unread, for a route that answers that itself. */
  | {kind: 'oversized'}

const bodies = new WeakMap<IncomingMessage, ReadBody>()

/** The body as read at the door; undefined when the request had none. */
export function readBodyOf(req: IncomingMessage): ReadBody | undefined {
  return bodies.get(req)
}

function statedLength(req: IncomingMessage): number | undefined {
  const header = req.headers['content-length']
  return header === undefined ? undefined : Number(header)
}

function hasBody(req: IncomingMessage): boolean {
  const stated = statedLength(req)
  return stated === undefined ? req.headers['transfer-encoding'] !== undefined : stated > 0
}

/** Ends the exchange: the answer, then the connection closes before the rest of the body arrives. */
function refuse(res: ExpressResponse, rule: BodyRule): void {
  res.setHeader('Connection', 'close')
  res.setHeader('Cache-Control', 'no-store')
  const limit = rule.maxBytes === 0 ? 'no body' : `at most ${Math.ceil(rule.maxBytes / 1024)} KB`
  res.status(413).type('text/plain').send(`What was sent is too large: this address takes ${limit}. Nothing was saved.\n`)
}

/** The body up to `maxBytes`; 'too-large' as soon as it passes that; 'gone' if the client left. */
function readWithin(req: IncomingMessage, maxBytes: number): Promise<Uint8Array<ArrayBuffer> | 'too-large' | 'gone'> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = []
    let size = 0
    const finish = (result: Uint8Array<ArrayBuffer> | 'too-large' | 'gone') => {
      req.off('data', onData).off('end', onEnd).off('error', onGone).off('close', onGone)
      req.pause()
      resolve(result)
    }
    const onData = (chunk: Buffer) => {
      size += chunk.byteLength
      if (size > maxBytes) finish('too-large')
      else chunks.push(chunk)
    }
    const onEnd = () => finish(new Uint8Array(Buffer.concat(chunks, size)))
    const onGone = () => finish('gone')
    req.on('data', onData).on('end', onEnd).on('error', onGone).on('close', onGone)
  })
}

/** The door: every request's body is read here, within its route's limit (see body-limits.ts). */
export function limitRequestBodies(ruleFor: BodyRuleFor): RequestHandler {
  return (req, res, next) => {
    if (!hasBody(req)) return next()
    const rule = ruleFor(req.method, req.path)
    const stated = statedLength(req)
    if (stated !== undefined && stated > rule.maxBytes) {
      if (!rule.routeAnswersOversize) return refuse(res, rule)
      bodies.set(req, {kind: 'oversized'})
      res.setHeader('Connection', 'close')
      return next()
    }
    readWithin(req, rule.maxBytes).then((body) => {
      if (body === 'too-large') return refuse(res, rule)
      // A client that left gets no answer: there is no one to send it to.
      if (body === 'gone') return
      bodies.set(req, {kind: 'read', bytes: body})
      next()
    }, next)
  }
}
