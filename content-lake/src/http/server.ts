import http, {type IncomingMessage, type ServerResponse} from 'node:http'
import type {AddressInfo} from 'node:net'
import type {ContentLake} from '../lake'
import {isValidDatasetName} from '../store/datasets'
import {authenticate} from './auth'
import {RESPONDED} from './context'
import {logRequest, requestIdOf} from './request-log'
import {handleCors} from './cors'
import {apiError, datasetNotFound, toHttpError} from './errors'
import {servePresenceSockets} from './presence-socket'
import {admitBody} from './request'
import {ROUTES} from './routes'
import {closeListeners} from './routes/listen'

function send(req: IncomingMessage, res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const json = JSON.stringify(body)
  const unread = !req.complete && req.httpVersionMajor === 1
  res.writeHead(status, {
    ...headers,
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(json),
    'cache-control': 'no-store',
    // Answered before the body was read (refused, too large, stalled): over HTTP/1.1, closing is
    // the only way not to read the rest. (HTTP/2 has no such header: its flow control holds the
    // rest back, and the stream ends with the answer.)
    ...(unread ? {connection: 'close'} : {}),
  })
  if (unread) lingerThenClose(req, res, json)
  else res.end(json)
}

// How long what a client still sends after its answer is read and dropped before the
// connection closes.
const LINGER_MS = 1_000

/**
 * Sends the whole answer but ends the exchange (and so the connection) only once the client
 * has stopped sending, or after LINGER_MS: a socket closed while the client is still sending
 * resets the connection, and the reset can destroy the answer before the client reads it.
 * Content-Length tells the client the answer is complete as soon as it arrives.
 */
function lingerThenClose(req: IncomingMessage, res: ServerResponse, json: string): void {
  res.write(json)
  req.resume()
  let ended = false
  const end = () => {
    if (ended) return
    ended = true
    clearTimeout(timer)
    res.end()
  }
  const timer = setTimeout(end, LINGER_MS)
  req.once('end', end).once('close', end)
}

function decodedPathPart(value: string): string {
  try {
    return decodeURIComponent(value)
  } catch {
    throw apiError(400, `Malformed percent-encoding in the path: "${value}"`)
  }
}

function match(method: string, pathname: string) {
  let allowed = false
  for (const definition of ROUTES) {
    const found = definition.pattern.exec(pathname)
    if (!found) continue
    if (!definition.methods.includes(method)) {
      allowed = true
      continue
    }
    const params: Record<string, string> = {}
    for (const [name, value] of Object.entries(found.groups ?? {})) {
      if (value !== undefined) params[name] = decodedPathPart(value)
    }
    return {definition, params}
  }
  throw allowed ? apiError(405, `${method} is not allowed on ${pathname}`) : apiError(404, `No such endpoint: ${method} ${pathname}`)
}

function requestUrl(req: IncomingMessage): URL {
  try {
    return new URL(req.url ?? '/', 'http://content-lake.local')
  } catch {
    throw apiError(400, 'Malformed request URL')
  }
}

async function handle(lake: ContentLake, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = requestUrl(req)
  if (handleCors(req, res, url.pathname, {allowed: lake.config.corsOrigins, projectId: lake.config.projectId})) return
  const {definition, params} = match(req.method ?? 'GET', url.pathname)
  admitBody(req, definition.maxBodyBytes, lake.config.bodyIdleMs)
  const {dataset} = params
  if (dataset !== undefined && !(definition.readsDataset ? lake.hasDataset(dataset) : isValidDatasetName(dataset))) {
    throw datasetNotFound(dataset, lake.config.projectId)
  }
  const access = authenticate(req, lake.tokens.current())
  const body = await definition.route({req, res, url, params, access, lake})
  if (body !== RESPONDED) send(req, res, 200, body)
}

/** How long requests in flight when the lake is stopped may take to finish before they are cut. */
export const SHUTDOWN_GRACE_MS = 10_000

export interface RunningServer {
  server: http.Server
  url: string
  close(): Promise<void>
}

/** The lake's HTTP API as one request listener, shared by the plain and the HTTPS listeners. */
export function requestHandler(lake: ContentLake): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    const requestId = requestIdOf(req)
    res.setHeader('x-request-id', requestId)
    logRequest(lake.log, requestId, req, res)
    handle(lake, req, res).catch((error: unknown) => {
      const httpError = toHttpError(error)
      // Only the unexpected: a busy lake's 503s are no faults to log.
      if (httpError.status === 500) lake.log.error({requestId, err: error}, 'request failed')
      if (!res.headersSent) send(req, res, httpError.status, httpError.body, {...httpError.headers})
      else res.destroy()
    })
  }
}

/** Serves the lake's HTTP API; resolves once it is listening. */
export async function listen(lake: ContentLake): Promise<RunningServer> {
  const server = http.createServer(requestHandler(lake))
  // Clients pool idle connections for a while and reuse them without warning: closing them
  // sooner than clients expect makes a reused request fail with "socket hang up". (A shutdown
  // closes idle connections at once.)
  server.keepAliveTimeout = 65_000
  server.headersTimeout = 66_000
  // A request body that trickles in for longer than this is dropped (Node answers 408).
  server.requestTimeout = 120_000
  const presence = servePresenceSockets(lake, server)
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(lake.config.port, lake.config.host, () => resolve())
  })
  const {port} = server.address() as AddressInfo
  return {
    server,
    url: `http://${lake.config.host}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        // Streams end with a `reconnect` event; requests in flight get SHUTDOWN_GRACE_MS to
        // finish, their keep-alive sockets closing as soon as they are idle; then the rest is cut.
        const closeIdle = setInterval(() => server.closeIdleConnections(), 100)
        const cut = setTimeout(() => server.closeAllConnections(), SHUTDOWN_GRACE_MS)
        server.close(() => {
          clearInterval(closeIdle)
          clearTimeout(cut)
          resolve()
        })
        closeListeners()
        presence.close()
        server.closeIdleConnections()
      }),
  }
}
