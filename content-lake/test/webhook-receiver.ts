import http, {type IncomingHttpHeaders} from 'node:http'
import type {AddressInfo} from 'node:net'

export interface ReceivedRequest {
  method: string
  path: string
  headers: IncomingHttpHeaders
  body: string
  /** When it arrived (performance.now()). */
  at: number
}

/** How the receiver answers a request: a status, or 'hang' to never answer. */
export type Answer = (request: ReceivedRequest, earlier: readonly ReceivedRequest[]) => number | 'hang'

export interface WebhookReceiver {
  url: string
  requests: ReceivedRequest[]
  /** Resolves with the requests to `path` once there are at least `count` of them. */
  waitFor(path: string, count: number, timeoutMs?: number): Promise<ReceivedRequest[]>
  close(): Promise<void>
}

/** A local HTTP server (on a free port unless given one) that records every webhook delivery it gets. */
export async function startWebhookReceiver(answer: Answer, port = 0): Promise<WebhookReceiver> {
  const requests: ReceivedRequest[] = []
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      const request: ReceivedRequest = {
        method: req.method ?? '',
        path: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        at: performance.now(),
      }
      const status = answer(request, [...requests])
      requests.push(request)
      if (status !== 'hang') res.writeHead(status).end()
    })
  })
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve))
  const {port: actualPort} = server.address() as AddressInfo
  const to = (path: string) => requests.filter((request) => request.path === path)
  return {
    url: `http://127.0.0.1:${actualPort}`,
    requests,
    waitFor: async (path, count, timeoutMs = 5_000) => {
      const deadline = performance.now() + timeoutMs
      while (to(path).length < count) {
        if (performance.now() > deadline) throw new Error(`${to(path).length} of ${count} requests to ${path} arrived`)
        await new Promise((resolve) => setTimeout(resolve, 20))
      }
      return to(path)
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      }),
  }
}
