import fs from 'node:fs'
import type {IncomingMessage, ServerResponse} from 'node:http'
import {pipeline} from 'node:stream/promises'
import {RESPONDED} from './context'
import {apiError} from './errors'

export interface FileResponse {
  file: string
  /** The file's content, when already in memory: sent instead of reading the file. */
  bytes?: Buffer
  contentType: string
  /** Unquoted: the content's hash, so the same bytes always carry the same tag. */
  etag: string
  headers?: Record<string, string>
}

function matches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false
  return ifNoneMatch.split(',').some((tag) => {
    const value = tag.trim().replace(/^W\//, '')
    return value === '*' || value === etag
  })
}

/** A `Content-Disposition` that makes browsers download the file under the given name. */
export function attachment(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]|["\\]/g, '_')
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`
}

/**
 * Answers with an asset file, as a CDN would: cacheable for good (asset URLs never change
 * content), with an ETag for revalidation.
 */
export async function sendFile(
  req: IncomingMessage,
  res: ServerResponse,
  {file, bytes, contentType, etag, headers = {}}: FileResponse,
): Promise<typeof RESPONDED> {
  let size: number
  try {
    size = bytes?.length ?? (await fs.promises.stat(file)).size
  } catch {
    throw apiError(404, 'Asset not found')
  }
  const common = {
    ...headers,
    etag: `"${etag}"`,
    'cache-control': 'public, max-age=31536000, immutable',
  }
  if (matches(req.headers['if-none-match'], common.etag)) {
    res.writeHead(304, common)
    res.end()
    return RESPONDED
  }
  res.writeHead(200, {
    ...common,
    'content-type': contentType,
    'content-length': size,
    // Uploaded files are served from the lake's own origin: never let one run as a page there.
    'x-content-type-options': 'nosniff',
    'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; sandbox",
  })
  if (req.method === 'HEAD' || bytes) {
    res.end(req.method === 'HEAD' ? undefined : bytes)
    return RESPONDED
  }
  try {
    await pipeline(fs.createReadStream(file), res)
  } catch (error) {
    // A client that goes away mid-download is no server error.
    if ((error as NodeJS.ErrnoException).code !== 'ERR_STREAM_PREMATURE_CLOSE') throw error
  }
  return RESPONDED
}
