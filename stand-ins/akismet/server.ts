import {randomUUID} from 'node:crypto'
import http from 'node:http'
import type {AddressInfo} from 'node:net'
import {keySites, type SiteCounts, usageLimit} from './account'
import {commentCheckVerdict} from './verdict'

/**
 * A local Akismet for tests and `npm start` without a key: the REST API as Akismet serves it
 * (1.1 spam calls: form-encoded in, `text/plain` out, status 200 even for errors; 1.2 account
 * calls: JSON), deterministic verdicts from Akismet's documented test values, and a record of
 * everything it was sent. Admin routes under `/__standin/` read the record, clear it, and queue
 * a canned answer (an outage, a rate limit, a hang, a suspended key) for the next call.
 */

export interface AkismetStandInOptions {
  /** 0 (the default) picks a free port. */
  port?: number
  host?: string
  /** Keys that verify; default `local-dev-key`. */
  keys?: string[]
  /**
   * Refuse calls that carry no key. Off by default: akismet-api 6 puts the key in the host name,
   * which a loopback address cannot carry, so the site's calls to a stand-in arrive keyless.
   * Even then, only calls from this machine may come without a key.
   */
  strict?: boolean
}

/** One answer to queue with `POST /__standin/next`, for the next call (to `endpoint`, if given). */
export interface CannedReply {
  endpoint?: string
  status?: number
  /** Seconds, sent as `Retry-After` (with a 429). */
  retryAfter?: number
  /** Never answer: the connection stays open until the client gives up or the stand-in stops. */
  hang?: boolean
  body?: string
  headers?: Record<string, string>
}

export type KeySource = 'param' | 'subdomain' | 'none'

export interface LogEntry {
  at: string
  /** e.g. `comment-check`, `usage-limit`. */
  endpoint: string
  version: string
  method: string
  keySource: KeySource
  key?: string
  /** Every parameter exactly as sent (form body, or query string for GET). */
  params: Record<string, string>
  isTest: boolean
  userAgent: string
  /** What the stand-in answered: `hang` when it did not. */
  answer: {status: number; body: string; headers: Record<string, string>} | 'hang'
}

export interface AkismetStandIn {
  url: string
  log(): LogEntry[]
  reset(): void
  next(reply: CannedReply): void
  close(): Promise<void>
}

export const DEFAULT_KEYS = ['local-dev-key']
const THANKS = 'Thanks for making the web a better place.'
const SPAM_CALLS = new Set(['comment-check', 'submit-spam', 'submit-ham'])
const ACCOUNT_CALLS = new Set(['usage-limit', 'key-sites'])
const MAX_BODY_BYTES = 1024 * 1024

interface Answer {
  status: number
  body: string
  headers: Record<string, string>
}

const text = (body: string, headers: Record<string, string> = {}, status = 200): Answer => ({
  status,
  body,
  headers: {'Content-Type': 'text/plain; charset=utf-8', ...headers},
})
const json = (value: unknown, status = 200): Answer => ({
  status,
  body: JSON.stringify(value),
  headers: {'Content-Type': 'application/json; charset=utf-8'},
})

/**
 * The key a call carries: the `api_key` or `key` parameter, else the old scheme's subdomain
 * (`KEY.rest.akismet.com`, which akismet-api 6 uses).
 */
export function resolveKey(params: Record<string, string>, hostHeader = ''): {source: KeySource; key?: string} {
  const fromParam = params.api_key || params.key
  if (fromParam) return {source: 'param', key: fromParam}
  const hostname = hostHeader.replace(/:\d+$/, '')
  const subdomain = /^([^.]+)\.(rest\.akismet\.com|localhost|127\.0\.0\.1)$/.exec(hostname)
  if (subdomain) return {source: 'subdomain', key: subdomain[1]}
  return {source: 'none'}
}

export function isLoopbackAddress(address: string | undefined): boolean {
  return address !== undefined && /^(127\.|::1$|::ffff:127\.)/.test(address)
}

function readBody(request: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    request.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > MAX_BODY_BYTES) {
        reject(new Error('body too large'))
        request.destroy()
      } else chunks.push(chunk)
    })
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    request.on('error', reject)
  })
}

export async function startAkismetStandIn(options: AkismetStandInOptions = {}): Promise<AkismetStandIn> {
  const keys = new Set(options.keys?.length ? options.keys : DEFAULT_KEYS)
  let log: LogEntry[] = []
  let queue: CannedReply[] = []
  // Answers held open by a canned `hang`, closed when the stand-in stops.
  const hung = new Set<http.ServerResponse>()

  /** Forgets the calls and queued answers, and lets go of hung calls. */
  function reset(): void {
    log = []
    queue = []
    for (const response of hung) response.destroy()
  }

  function takeCanned(endpoint: string): CannedReply | undefined {
    const index = queue.findIndex((reply) => !reply.endpoint || reply.endpoint === endpoint)
    return index === -1 ? undefined : queue.splice(index, 1)[0]
  }

  function keyProblem(source: KeySource, key: string | undefined, fromLoopback: boolean): Answer | undefined {
    if (source === 'none') {
      return options.strict || !fromLoopback ? text('invalid', {'X-akismet-debug-help': 'Empty "api_key" value'}) : undefined
    }
    return keys.has(key!) ? undefined : text('invalid', {'X-akismet-debug-help': 'Invalid key'})
  }

  function siteCounts(month: string, key: string | undefined): SiteCounts[] {
    const bySite = new Map<string, SiteCounts>()
    for (const entry of log) {
      if (!entry.at.startsWith(month) || !SPAM_CALLS.has(entry.endpoint) || entry.answer === 'hang') continue
      if (entry.key !== undefined && entry.key !== key) continue
      const site = entry.params.blog ?? ''
      const counts = bySite.get(site) ?? {site, api_calls: 0, spam: 0, ham: 0, missed_spam: 0, false_positives: 0, is_revoked: false}
      bySite.set(site, counts)
      if (entry.endpoint === 'comment-check') {
        counts.api_calls += 1
        if (entry.answer.body === 'true') counts.spam += 1
        if (entry.answer.body === 'false') counts.ham += 1
      }
      if (entry.endpoint === 'submit-spam') counts.missed_spam += 1
      if (entry.endpoint === 'submit-ham') counts.false_positives += 1
    }
    return [...bySite.values()]
  }

  function answerApi(version: string, endpoint: string, params: Record<string, string>, request: http.IncomingMessage): Answer {
    const host = request.headers.host ?? ''
    const {source, key} = resolveKey(params, host)
    if (version === '1.1' && endpoint === 'verify-key') {
      if (!key) return text('invalid', {'X-akismet-debug-help': 'Empty "api_key" value'})
      return keys.has(key) ? text('valid') : text('invalid', {'X-akismet-debug-help': 'Invalid key'})
    }
    if (version === '1.1' && SPAM_CALLS.has(endpoint)) {
      const refused = keyProblem(source, key, isLoopbackAddress(request.socket.remoteAddress))
      if (refused) return refused
      for (const field of ['blog', 'user_ip']) {
        if (!params[field]) {
          return text(`Missing required field: ${field}.`, {'X-akismet-debug-help': `Empty "${field}" value`})
        }
      }
      if (endpoint !== 'comment-check') return text(THANKS)
      const verdict = commentCheckVerdict(params)
      return text(String(verdict.spam), {
        'X-akismet-guid': randomUUID(),
        ...(verdict.discard ? {'X-akismet-pro-tip': 'discard'} : {}),
        ...(verdict.recheckAfter ? {'X-akismet-recheck-after': String(verdict.recheckAfter)} : {}),
      })
    }
    if (version === '1.2' && ACCOUNT_CALLS.has(endpoint)) {
      // The account calls always need a key: they report on one.
      if (!key) return text('invalid', {'X-akismet-debug-help': 'Empty "api_key" value'})
      if (!keys.has(key)) return text('invalid', {'X-akismet-debug-help': 'Invalid key'})
      const month = /^\d{4}-\d{2}$/.test(params.month ?? '') ? params.month! : new Date().toISOString().slice(0, 7)
      if (endpoint === 'usage-limit') {
        return json(usageLimit(log.filter((entry) => entry.endpoint === 'comment-check' && entry.at.startsWith(month)).length))
      }
      const report = keySites(month, siteCounts(month, key), params)
      return report.format === 'csv'
        ? {status: 200, body: report.body, headers: {'Content-Type': 'text/csv; charset=utf-8'}}
        : {status: 200, body: report.body, headers: {'Content-Type': 'application/json; charset=utf-8'}}
    }
    return text('Not found', {}, 404)
  }

  function send(response: http.ServerResponse, answer: Answer): void {
    response.writeHead(answer.status, {...answer.headers, 'Content-Length': Buffer.byteLength(answer.body)})
    response.end(answer.body)
  }

  async function handle(request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://stand-in')
    const method = request.method ?? 'GET'
    const body = await readBody(request)

    if (url.pathname.startsWith('/__standin/')) {
      const route = `${method} ${url.pathname}`
      if (route === 'GET /__standin/log') return send(response, json(log))
      if (route === 'POST /__standin/reset') {
        reset()
        return send(response, json({ok: true}))
      }
      if (route === 'POST /__standin/next') {
        try {
          queue.push(JSON.parse(body) as CannedReply)
        } catch {
          return send(response, json({error: 'expected a JSON body, e.g. {"status": 503}'}, 400))
        }
        return send(response, json({ok: true, queued: queue.length}))
      }
      return send(response, text('Not found', {}, 404))
    }

    const match = /^\/(1\.[12])\/([a-z-]+)$/.exec(url.pathname)
    if (!match) return send(response, text('Not found', {}, 404))
    const [, version, endpoint] = match as unknown as [string, string, string]
    const allowed = version === '1.2' ? ['GET', 'POST'] : ['POST']
    if (!allowed.includes(method)) {
      return send(response, {...text('Method not allowed', {}, 405), headers: {Allow: allowed.join(', '), 'Content-Type': 'text/plain; charset=utf-8'}})
    }

    const form = method === 'GET' ? url.searchParams : new URLSearchParams(body)
    const params = Object.fromEntries(form)
    const {source, key} = resolveKey(params, request.headers.host)
    const entry: Omit<LogEntry, 'answer'> = {
      at: new Date().toISOString(),
      endpoint,
      version,
      method,
      keySource: source,
      ...(key ? {key} : {}),
      params,
      isTest: params.is_test === 'true' || params.is_test === '1',
      userAgent: request.headers['user-agent'] ?? '',
    }

    const canned = takeCanned(endpoint)
    if (canned?.hang) {
      log.push({...entry, answer: 'hang'})
      hung.add(response)
      response.once('close', () => hung.delete(response))
      return
    }
    const answer: Answer = canned
      ? {
          status: canned.status ?? 200,
          body: canned.body ?? (canned.status && canned.status !== 200 ? (http.STATUS_CODES[canned.status] ?? '') : 'false'),
          headers: {
            'Content-Type': 'text/plain; charset=utf-8',
            ...(canned.retryAfter !== undefined ? {'Retry-After': String(canned.retryAfter)} : {}),
            ...canned.headers,
          },
        }
      : answerApi(version, endpoint, params, request)
    log.push({...entry, answer})
    send(response, answer)
  }

  const server = http.createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (!response.headersSent) send(response, text(`Stand-in error: ${String(error)}`, {}, 500))
    })
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve)
  })
  const {address, port} = server.address() as AddressInfo
  const hostForUrl = address.includes(':') ? `[${address}]` : address

  return {
    url: `http://${hostForUrl}:${port}`,
    log: () => structuredClone(log),
    reset,
    next: (reply) => void queue.push(reply),
    close: () =>
      new Promise<void>((resolve) => {
        for (const response of hung) response.destroy()
        server.close(() => resolve())
        server.closeAllConnections()
      }),
  }
}
