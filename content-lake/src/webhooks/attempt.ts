import http from 'node:http'
import https from 'node:https'

export interface WebhookRequest {
  url: URL
  method: string
  headers: Record<string, string>
  body: string
}

/** An answer's status, or why there was none (network failure, timeout). */
export type AttemptResult = {status: number} | {error: string}

/**
 * Sends one request and settles on the response's status; the response body is discarded.
 * node:http rather than fetch, because Sanity sends the body with every method, GET included,
 * which fetch refuses.
 */
export function attempt(request: WebhookRequest, timeoutMs: number, cancel: AbortSignal): Promise<AttemptResult> {
  const timeout = AbortSignal.timeout(timeoutMs)
  const signal = AbortSignal.any([cancel, timeout])
  const body = Buffer.from(request.body)
  return new Promise((resolve) => {
    const send = request.url.protocol === 'https:' ? https.request : http.request
    const req = send(request.url, {method: request.method, headers: {...request.headers, 'content-length': String(body.length)}, signal}, (res) => {
      // The status decides; a body still arriving when the time is up is cut, not an error.
      res.on('error', () => {})
      res.resume()
      resolve({status: res.statusCode ?? 0})
    })
    req.on('error', (error) => {
      resolve({error: timeout.aborted ? `no answer within ${timeoutMs} ms` : error.message})
    })
    req.end(body)
  })
}
