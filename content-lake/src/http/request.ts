import type {IncomingMessage} from 'node:http'
import {apiError} from './errors'

const MAX_BODY_BYTES = 10 * 1024 * 1024

export async function readJsonBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<unknown> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length
    if (size > limit) throw apiError(413, `Request body is larger than ${limit} bytes`)
    chunks.push(chunk)
  }
  const text = Buffer.concat(chunks).toString('utf8')
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
