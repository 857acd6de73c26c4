import type {IncomingMessage} from 'node:http'
import {apiError} from './errors'

/** Each request's body limit, as its route declares it, and how long its body may pause (see `admitBody`). */
const bodyRules = new WeakMap<IncomingMessage, {limit: number; idleMs: number}>()

function tooLarge(limit: number) {
  return limit === 0 ? apiError(413, 'This endpoint takes no request body') : apiError(413, `Request body is larger than ${limit} bytes`)
}

/**
 * Sets the request's body limit before its route runs, and refuses at once, unread, a body
 * whose declared length is over it, or any body where the limit is 0. A body of unknown length
 * (chunked) is counted by `readBody` as it arrives.
 */
export function admitBody(req: IncomingMessage, limit: number, idleMs: number): void {
  bodyRules.set(req, {limit, idleMs})
  const length = req.headers['content-length']
  if (length !== undefined && Number(length) > limit) throw tooLarge(limit)
  if (limit === 0 && req.headers['transfer-encoding'] !== undefined) throw tooLarge(limit)
}

/**
 * The whole request body, within the limit `admitBody` set (none set: no body at all). Past
 * the limit it stops reading and throws a 413 at once, without waiting for the rest: the
 * answer then closes the connection (see server.ts), so the rest is never read. A body that
 * stops arriving for `idleMs` is answered 408 the same way: a client that states a length and
 * never sends it would otherwise hold the request until Node's whole-request timeout.
 */
export function readBody(req: IncomingMessage): Promise<Buffer> {
  const {limit, idleMs} = bodyRules.get(req) ?? {limit: 0, idleMs: 0}
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    let idle: NodeJS.Timeout | undefined
    const waitForMore = () => {
      clearTimeout(idle)
      if (idleMs > 0) {
        idle = setTimeout(() => {
          req.pause()
          finish(apiError(408, `The request body stopped arriving for ${idleMs} ms`))
        }, idleMs)
      }
    }
    const finish = (error?: unknown) => {
      clearTimeout(idle)
      req.off('data', onData).off('end', onEnd).off('error', finish).off('aborted', onAborted)
      if (error === undefined) resolve(Buffer.concat(chunks))
      else reject(error)
    }
    const onData = (chunk: Buffer) => {
      size += chunk.length
      if (size > limit) {
        req.pause()
        finish(tooLarge(limit))
      } else {
        chunks.push(chunk)
        waitForMore()
      }
    }
    const onEnd = () => finish()
    const onAborted = () => finish(apiError(400, 'The client closed the request before its body was complete'))
    req.on('data', onData).on('end', onEnd).on('error', finish).on('aborted', onAborted)
    waitForMore()
  })
}

/** The body as JSON: `{}` when empty, a 400 when it is not JSON. */
export async function readJsonBody(req: IncomingMessage): Promise<unknown> {
  const text = (await readBody(req)).toString('utf8')
  if (text.trim() === '') return {}
  try {
    return JSON.parse(text)
  } catch {
    throw apiError(400, 'Request body is not valid JSON')
  }
}

/** The body as a JSON object (`{}` when empty), as the data endpoints take it; a 400 otherwise. */
export async function readJsonObject(req: IncomingMessage): Promise<Record<string, unknown>> {
  const body = await readJsonBody(req)
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw apiError(400, 'Request body must be a JSON object')
  }
  return body as Record<string, unknown>
}

/** `$name=<JSON>` query parameters, the way @sanity/client sends GROQ parameters. */
export function groqParamsFromSearch(search: URLSearchParams): Record<string, unknown> {
  const params: Record<string, unknown> = {}
  for (const [key, value] of search) {
    if (!key.startsWith('$')) continue
    try {
      params[key.slice(1)] = JSON.parse(value)
    } catch {
      throw apiError(400, `Unable to parse the value of parameter "${key}": it must be JSON`)
    }
  }
  return params
}

/** Sanity's boolean query parameters: present and not "false". */
export function flag(search: URLSearchParams, name: string, fallback = false): boolean {
  const value = search.get(name)
  if (value === null) return fallback
  return value !== 'false' && value !== '0'
}
