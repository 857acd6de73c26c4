import type {IncomingMessage} from 'node:http'
import {isIPv6} from 'node:net'
import type {TLSSocket} from 'node:tls'
import type {LakeConfig} from '../config'

// A host name or an IP address, with an optional port. Anything else never makes it into a
// stored URL: a Host header is whatever the client chose to send.
const AUTHORITY = /^(?:[a-z0-9-]+(?:\.[a-z0-9-]+)*|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i

/**
 * Where the client reached the lake, for the absolute URLs in asset documents: the configured
 * public URL, else the request's own host (HTTP/2 sends it as `:authority`).
 */
export function publicBaseUrl(req: IncomingMessage, config: Pick<LakeConfig, 'publicUrl'>): string {
  if (config.publicUrl) return config.publicUrl
  const protocol = (req.socket as Partial<TLSSocket>).encrypted ? 'https' : 'http'
  const authority = req.headers[':authority'] ?? req.headers.host
  if (typeof authority === 'string' && AUTHORITY.test(authority)) return `${protocol}://${authority}`
  const address = req.socket.localAddress ?? '127.0.0.1'
  return `${protocol}://${isIPv6(address) ? `[${address}]` : address}:${req.socket.localPort}`
}
