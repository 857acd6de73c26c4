import http, {type IncomingMessage, type ServerResponse} from 'node:http'
import type {AddressInfo} from 'node:net'
import type {ContentLake} from '../lake'
import {isValidDatasetName} from '../store/datasets'
import {authenticate} from './auth'
import type {Route} from './context'
import {apiError, toHttpError} from './errors'
import {docRoute} from './routes/doc'
import {mutateRoute} from './routes/mutate'
import {queryRoute} from './routes/query'

// `/v1`, `/vX` or a dated version such as `/v2025-02-19`, as the hosted API accepts.
const DATA_PATH = /^\/v(1|X|\d{4}-\d{2}-\d{2})\/data\/([a-z]+)\/([^/]+)(?:\/(.*))?$/

const DATA_ROUTES: Record<string, Route> = {
  query: queryRoute,
  mutate: mutateRoute,
  doc: docRoute,
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const json = JSON.stringify(body)
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(json),
    'cache-control': 'no-store',
  })
  res.end(json)
}

async function handle(lake: ContentLake, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://content-lake.local')
  const match = DATA_PATH.exec(url.pathname)
  const route = match ? DATA_ROUTES[match[2]!] : undefined
  if (!match || !route) throw apiError(404, `No such endpoint: ${req.method} ${url.pathname}`)
  const dataset = decodeURIComponent(match[3]!)
  if (!isValidDatasetName(dataset)) throw apiError(404, `Dataset "${dataset}" not found`)
  const access = authenticate(req, lake.config.writeTokens)
  const body = await route({
    req,
    url,
    apiVersion: match[1]!,
    dataset,
    rest: match[4] ?? '',
    access,
    lake,
  })
  send(res, 200, body)
}

export interface RunningServer {
  server: http.Server
  url: string
  close(): Promise<void>
}

/** Serves the lake's HTTP API; resolves once it is listening. */
export async function listen(lake: ContentLake): Promise<RunningServer> {
  const server = http.createServer((req, res) => {
    handle(lake, req, res).catch((error: unknown) => {
      const httpError = toHttpError(error)
      if (httpError.status >= 500) console.error(error)
      if (!res.headersSent) send(res, httpError.status, httpError.body)
      else res.destroy()
    })
  })
  // Clients keep connections alive; don't let an idle one outlive a shutdown.
  server.keepAliveTimeout = 5_000
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
        server.close(() => resolve())
        server.closeAllConnections()
      }),
  }
}
