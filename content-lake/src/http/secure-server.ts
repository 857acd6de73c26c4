import type {IncomingMessage, ServerResponse} from 'node:http'
import http2 from 'node:http2'
import {isIP, type AddressInfo, type Socket} from 'node:net'
import path from 'node:path'
import type {ContentLake} from '../lake'
import {ensureLocalTls, type LocalTls} from '../tls/local-ca'
import {servePresenceSockets} from './presence-socket'
import {closeListeners} from './routes/listen'
import {listen, requestHandler, type RunningServer, SHUTDOWN_GRACE_MS} from './server'
import {studioStatic} from './studio-static'

export interface RunningSecureServer {
  server: http2.Http2SecureServer
  url: string
  close(): Promise<void>
}

// Addresses that mean "this machine" to a browser on it, where `localhost` reaches the lake.
const LOCAL = new Set(['0.0.0.0', '::', '127.0.0.1', '::1'])

/**
 * The host to send browsers to: `localhost` for this machine (browsers treat it as a secure
 * origin), else the listening address itself, which the certificate then has to cover too.
 */
function browserHost(host: string): string {
  return LOCAL.has(host) ? 'localhost' : host
}

/**
 * Serves the lake's API over TLS: HTTP/2 for browsers, which speak it only over TLS and need
 * it because Studio keeps more event streams open than HTTP/1.1's six connections per origin;
 * HTTP/1.1 (`allowHTTP1`) for clients that do not negotiate `h2`.
 */
export async function listenSecure(lake: ContentLake, tls: Pick<LocalTls, 'cert' | 'key'>, port: number, host: string): Promise<RunningSecureServer> {
  const api = requestHandler(lake)
  // The Studio is served here only: it needs HTTP/2, and this origin is its API's own.
  const studio = lake.config.studioDir ? studioStatic(lake.config.studioDir, lake.config.projectId) : undefined
  const handler = (req: IncomingMessage, res: ServerResponse) => {
    if (!studio) return api(req, res)
    studio(req, res).then(
      (answered) => answered || api(req, res),
      (error: unknown) => {
        console.error(error)
        res.destroy()
      },
    )
  }
  const server = http2.createSecureServer({cert: tls.cert, key: tls.key, allowHTTP1: true})
  // HTTP/1.1 requests arrive as node:http's own objects. HTTP/2 streams arrive through Node's
  // compatibility API, whose request and response have every member the handler and routes
  // use (method, url, headers, the body as an async iterable; writeHead, end, headersSent,
  // destroy), so they are handed over as node:http's types.
  server.on('request', (req, res) => handler(req as unknown as IncomingMessage, res as unknown as ServerResponse))
  // Browsers open WebSockets over HTTP/1.1 (Node does not offer them over HTTP/2).
  const presence = servePresenceSockets(lake, server)

  // Browsers hold HTTP/2 sessions open indefinitely, so closing must end them itself.
  const sessions = new Set<http2.ServerHttp2Session>()
  server.on('session', (session: http2.ServerHttp2Session) => {
    sessions.add(session)
    session.once('close', () => sessions.delete(session))
  })
  const sockets = new Set<Socket>()
  server.on('connection', (socket: Socket) => {
    sockets.add(socket)
    socket.once('close', () => sockets.delete(socket))
  })

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, host, () => resolve())
  })
  const {port: actualPort} = server.address() as AddressInfo
  const name = browserHost(host)
  return {
    server,
    url: `https://${isIP(name) === 6 ? `[${name}]` : name}:${actualPort}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        // As the plain listener does: listen streams end with a `reconnect` event, sessions
        // take no new streams and close once theirs are done, and whatever is still busy
        // after the grace period (HTTP/1.1 keep-alive included) is cut.
        closeListeners()
        presence.close()
        for (const session of sessions) session.close()
        const cut = setTimeout(() => {
          for (const socket of sockets) socket.destroy()
        }, SHUTDOWN_GRACE_MS)
        server.once('close', () => clearTimeout(cut))
      }),
  }
}

export interface RunningListeners {
  /** Plain HTTP on `CONTENT_LAKE_HOST`: for servers (the site, seeding, tests). */
  http: RunningServer
  /** HTTPS with HTTP/2 for browsers, and the local CA they must trust; absent when switched off. */
  https?: RunningSecureServer & {caPath: string; caCreated: boolean}
  close(): Promise<void>
}

/**
 * Starts the plain HTTP listener and, unless switched off, the HTTPS + HTTP/2 one, making or
 * renewing the local CA and the server certificate first. Both serve the same API.
 */
export async function listenAll(lake: ContentLake): Promise<RunningListeners> {
  const plain = await listen(lake)
  const config = lake.config.https
  if (!config) return {http: plain, close: plain.close}
  try {
    const tls = await ensureLocalTls({
      dir: config.tlsDir ?? path.join(lake.config.dataDir, 'tls'),
      hostnames: [...new Set([...config.hostnames, browserHost(lake.config.host)])],
    })
    const secure = await listenSecure(lake, tls, config.port, lake.config.host)
    return {
      http: plain,
      https: {...secure, caPath: tls.caPath, caCreated: tls.caCreated},
      close: async () => {
        await Promise.all([plain.close(), secure.close()])
      },
    }
  } catch (error) {
    await plain.close()
    throw error
  }
}
