import type {IncomingMessage} from 'node:http'
import {apiError} from './errors'

const MAX_BODY_BYTES = 10 * 1024 * 1024

/** The whole request body; 413 once it passes `limit` (at once when Content-Length says so). */
export async function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const tooLarge = () => apiError(413, `Request body is larger than ${limit} bytes`)
  if (Number(req.headers['content-length']) > limit) throw tooLarge()
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length
    if (size > limit) throw tooLarge()
    chunks.push(chunk)
  }
  return Buffer.concat(chunks)
}

export async function readJsonBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<unknown> {
  const text = (await readBody(req, limit)).toString('utf8')
  if (text.trim() === '') return {}
  try {
    return JSON.parse(text)
  } catch {
    throw apiError(400, 'Request body is not valid JSON')
  }
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
