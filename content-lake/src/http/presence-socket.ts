import {randomUUID} from 'node:crypto'
import http, {type IncomingMessage} from 'node:http'
import type {Http2SecureServer} from 'node:http2'
import type {Duplex} from 'node:stream'
import {type RawData, type WebSocket, WebSocketServer} from 'ws'
import type {ContentLake} from '../lake'
import {type PresenceEvent, PresenceHub, type PresenceMember} from '../presence/hub'
import {errorMessage, eventMessage, type PresenceRequest, parseRequest, RPC_ERROR, resultMessage} from '../presence/protocol'
import type {LocalToken} from '../tokens'
import {bearerToken} from './auth'
import {apiError, datasetNotFound, toHttpError} from './errors'
import {holdSocketSlot} from './listen-slots'

// Studio opens `wss://<api host>/v2022-06-30/socket/<dataset>?tag=…` (sanity's getBifurClient);
// any API version is taken, as the other routes take them.
const SOCKET_PATH = /^\/v(?:1|X|\d{4}-\d{2}-\d{2})\/socket\/(?<dataset>[^/]+)$/

// A state message is a handful of locations (document id, field path, text selection): a few KB.
const MAX_MESSAGE_BYTES = 32 * 1024
// Browsers cannot send headers with a WebSocket, so the token comes in the first message.
const AUTHORIZATION_WINDOW_MS = 10_000
// Heartbeats ("♥", which feeds Studio's connection status) and pings; a peer that has not
// answered the previous ping by the next one is gone.
const HEARTBEAT_MS = 25_000
// Studio announces where it is at least every 30 s and on every move, within 200 ms of each other.
const BURST_MESSAGES = 40
const MESSAGES_PER_SECOND = 10
// One per presence store; a client that has several is confused, not busy.
const MAX_SUBSCRIPTIONS = 4
// Events queued for a reader that does not read: past this the socket is cut, not buffered.
const MAX_BUFFERED_BYTES = 1024 * 1024

// Close codes: bifur-client's own for "unauthorized", the standard ones otherwise.
const CLOSE = {GOING_AWAY: 1001, UNSUPPORTED: 1003, POLICY: 1008, UNAUTHORIZED: 4001} as const

const hubs = new WeakMap<ContentLake, PresenceHub>()

/** One lake's presence, shared by its listeners: a Studio on HTTPS sees a client on plain HTTP. */
function hubOf(lake: ContentLake): PresenceHub {
  let hub = hubs.get(lake)
  if (!hub) {
    hub = new PresenceHub()
    hubs.set(lake, hub)
  }
  return hub
}

/** Text frames arrive as one Buffer (ws's default binaryType); the other shapes are for other settings. */
function textOf(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8')
  return Buffer.isBuffer(data) ? data.toString('utf8') : Buffer.from(data).toString('utf8')
}

/** One Studio tab's socket: authorization first, then presence requests, within its bounds. */
class PresenceSocket implements PresenceMember {
  private token: LocalToken | undefined
  private readonly subscriptions = new Set<string>()
  private lastHeardAt = Date.now()
  private allowance = BURST_MESSAGES
  private refilledAt = Date.now()
  private answeredPing = true
  private readonly timers: NodeJS.Timeout[]

  constructor(
    private readonly ws: WebSocket,
    private readonly lake: ContentLake,
    private readonly dataset: string,
    token: LocalToken | undefined,
  ) {
    ws.on('message', (data, isBinary) => this.receive(data, isBinary))
    ws.on('pong', () => {
      this.answeredPing = true
    })
    ws.on('close', () => this.end())
    // A socket that errs is closed by ws; the error itself is the peer's.
    ws.on('error', () => {})
    this.timers = [
      setTimeout(() => this.token || ws.close(CLOSE.UNAUTHORIZED, 'Expected an authorization request first'), AUTHORIZATION_WINDOW_MS),
      // Often enough to find a silent socket within its idle time.
      setInterval(() => this.beat(), Math.min(HEARTBEAT_MS, lake.config.presenceLimits.idleMs)),
    ]
    if (token) this.signIn(token)
  }

  get userId(): string {
    return this.token?.userId ?? ''
  }

  deliver(event: PresenceEvent): void {
    for (const subscription of this.subscriptions) this.send(eventMessage(subscription, event))
  }

  private send(text: string): void {
    if (this.ws.readyState !== this.ws.OPEN) return
    if (this.ws.bufferedAmount > MAX_BUFFERED_BYTES) return void this.ws.terminate()
    this.ws.send(text)
  }

  private signIn(token: LocalToken): void {
    const joined = this.token !== undefined
    if (joined && this.token?.userId !== token.userId) return void this.ws.close(CLOSE.UNAUTHORIZED, 'A socket belongs to one user')
    this.token = token
    if (!joined) hubOf(this.lake).join(this.dataset, this)
  }

  /** A user removed with `content-lake users remove` is signed out here too, as on every other endpoint. */
  private stillSignedIn(): boolean {
    const digest = this.token?.digest
    return digest !== undefined && this.lake.tokens.current().some((token) => token.digest.equals(digest))
  }

  /** A token bucket: BURST_MESSAGES at once, MESSAGES_PER_SECOND on average. */
  private admit(): boolean {
    const now = Date.now()
    this.allowance = Math.min(BURST_MESSAGES, this.allowance + ((now - this.refilledAt) / 1000) * MESSAGES_PER_SECOND)
    this.refilledAt = now
    if (this.allowance < 1) return false
    this.allowance--
    return true
  }

  private receive(data: RawData, isBinary: boolean): void {
    if (!this.admit()) return this.ws.close(CLOSE.POLICY, 'Too many messages')
    if (isBinary) return this.ws.close(CLOSE.UNSUPPORTED, 'Expected JSON-RPC text messages')
    this.lastHeardAt = Date.now()
    const parsed = parseRequest(textOf(data))
    if (!parsed.ok) return this.send(errorMessage(parsed.id, parsed.code, parsed.message))
    const {id, request} = parsed
    if (request.method === 'authorization') {
      const token = bearerToken(request.authorization, this.lake.tokens.current())
      if (!token) return this.ws.close(CLOSE.UNAUTHORIZED, 'Session not found')
      this.signIn(token)
      return this.send(resultMessage(id, true))
    }
    if (!this.stillSignedIn()) return this.ws.close(CLOSE.UNAUTHORIZED, 'Expected an authorization request first')
    this.act(id, request)
  }

  private act(id: string | number, request: Exclude<PresenceRequest, {method: 'authorization'}>): void {
    const hub = hubOf(this.lake)
    switch (request.method) {
      case 'presence_subscribe': {
        if (this.subscriptions.size >= MAX_SUBSCRIPTIONS) {
          return this.send(errorMessage(id, RPC_ERROR.INVALID_REQUEST, `At most ${MAX_SUBSCRIPTIONS} subscriptions per socket`))
        }
        const subscription = randomUUID()
        this.subscriptions.add(subscription)
        this.send(resultMessage(id, subscription))
        // A newcomer sees who is already here without waiting for their answers to its roll call.
        for (const event of hub.statesFor(this.dataset, this)) this.send(eventMessage(subscription, event))
        return
      }
      case 'presence_unsubscribe':
        return this.send(resultMessage(id, this.subscriptions.delete(request.subscriptionId)))
      case 'presence_rollcall':
        hub.rollCall(this.dataset, this, request.session)
        return this.send(resultMessage(id, true))
      case 'presence_announce':
        if (!hub.announce(this.dataset, this, request.sessionId, request.locations)) {
          return this.send(errorMessage(id, RPC_ERROR.INVALID_PARAMS, 'Too many presence sessions on one socket'))
        }
        return this.send(resultMessage(id, true))
      case 'presence_disconnect':
        hub.disconnect(this.dataset, this, request.session)
        return this.send(resultMessage(id, true))
    }
  }

  private beat(): void {
    if (!this.answeredPing) return void this.ws.terminate()
    if (Date.now() - this.lastHeardAt > this.lake.config.presenceLimits.idleMs) return void this.ws.close(CLOSE.GOING_AWAY, 'Idle for too long')
    if (this.token && !this.stillSignedIn()) return void this.ws.close(CLOSE.UNAUTHORIZED, 'Session not found')
    this.answeredPing = false
    this.ws.ping()
    if (this.token) this.send('♥')
  }

  /** Closed, by either side: its sessions leave everyone's view at once. */
  private end(): void {
    for (const timer of this.timers) clearTimeout(timer)
    if (this.token) hubOf(this.lake).leave(this.dataset, this)
  }
}

/** An HTTP answer on a socket that asked to upgrade, then the end of it. */
function refuse(socket: Duplex, error: unknown): void {
  const {status, body, headers} = toHttpError(error)
  const json = JSON.stringify(body)
  const lines = [
    `HTTP/1.1 ${status} ${http.STATUS_CODES[status] ?? ''}`,
    ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`),
    'content-type: application/json; charset=utf-8',
    `content-length: ${Buffer.byteLength(json)}`,
    'connection: close',
  ]
  socket.end(`${lines.join('\r\n')}\r\n\r\n${json}`)
}

function pathnameOf(req: IncomingMessage): string {
  try {
    return new URL(req.url ?? '/', 'http://content-lake.local').pathname
  } catch {
    throw apiError(400, 'Malformed request URL')
  }
}

/** Checks an upgrade before the handshake: the path, the dataset, a token if one came as a header, and a free slot. */
function admitUpgrade(lake: ContentLake, req: IncomingMessage, socket: Duplex): {dataset: string; token: LocalToken | undefined} {
  const pathname = pathnameOf(req)
  const dataset = SOCKET_PATH.exec(pathname)?.groups?.dataset
  if (dataset === undefined) throw apiError(404, `No such socket: ${pathname}`)
  if (!lake.hasDataset(dataset)) throw datasetNotFound(dataset, lake.config.projectId)
  const header = req.headers.authorization
  const token = header ? bearerToken(header, lake.tokens.current()) : undefined
  if (header && !token) throw apiError(401, 'Session not found')
  holdSocketSlot(lake, req, socket)
  return {dataset, token}
}

/**
 * Serves Studio's presence socket (the "bifur" protocol of @sanity/bifur-client) on one of
 * the lake's listeners, so editors see each other's avatars and cursors. Returns what closes
 * its sockets when the listener stops.
 */
export function servePresenceSockets(lake: ContentLake, server: http.Server | Http2SecureServer): {close(): void} {
  const sockets = new WebSocketServer({noServer: true, maxPayload: MAX_MESSAGE_BYTES, perMessageDeflate: false})
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy())
    let admitted: ReturnType<typeof admitUpgrade>
    try {
      admitted = admitUpgrade(lake, req, socket)
    } catch (error) {
      return refuse(socket, error)
    }
    sockets.handleUpgrade(req, socket, head, (ws) => new PresenceSocket(ws, lake, admitted.dataset, admitted.token))
  })
  return {
    close() {
      for (const ws of sockets.clients) ws.close(CLOSE.GOING_AWAY, 'The lake is stopping')
      // A peer that does not answer the close handshake does not hold the stop up.
      setTimeout(() => {
        for (const ws of sockets.clients) ws.terminate()
      }, 1_000).unref()
    },
  }
}
