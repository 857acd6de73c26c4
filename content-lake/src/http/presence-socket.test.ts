import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import {afterAll, beforeAll, describe, expect, test} from 'vitest'
import WebSocket from 'ws'
import {type LakeProcess, startLakeProcess, TEST_TOKEN, temporaryDataDir} from '../../test/lake-process'

// Studio's presence socket, spoken as @sanity/bifur-client speaks it (JSON-RPC 2.0, the token
// in the first message), against a real lake process over a real socket.

const ALICE = 'alice-presence-token-0123456789'
const BOB = 'bob-presence-token-0123456789ab'
const SOCKET = '/v2022-06-30/socket/production'

interface Message {
  id?: string | number
  result?: unknown
  error?: {code: number; message: string}
  method?: string
  params?: {subscription: string; result: {type: string; i: string; session?: string; m?: Record<string, unknown>}}
}

/** A socket client that keeps every message and close, and waits for the ones a test expects. */
class Client {
  readonly messages: (Message | string)[] = []
  closed: {code: number; reason: string} | undefined
  private nextId = 0
  private waiters: (() => void)[] = []

  constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      const text = String(data)
      this.messages.push(text === '♥' ? text : (JSON.parse(text) as Message))
      this.wake()
    })
    ws.on('close', (code, reason) => {
      this.closed = {code, reason: String(reason)}
      this.wake()
    })
    ws.on('error', () => {})
  }

  private wake() {
    for (const waiter of this.waiters.splice(0)) waiter()
  }

  /** Resolves once `check` holds, or fails after `withinMs`. */
  async until<T>(check: () => T | undefined, what: string, withinMs = 2_000): Promise<T> {
    const deadline = Date.now() + withinMs
    for (;;) {
      const found = check()
      if (found !== undefined) return found
      if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}; got ${JSON.stringify(this.messages)} closed ${JSON.stringify(this.closed)}`)
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve)
        setTimeout(resolve, 100)
      })
    }
  }

  send(method: string, params: Record<string, unknown> = {}): string {
    const id = `request-${++this.nextId}`
    this.ws.send(JSON.stringify({jsonrpc: '2.0', method, params: {...params, apiVersion: 'v1'}, id}))
    return id
  }

  async request(method: string, params: Record<string, unknown> = {}): Promise<Message> {
    const id = this.send(method, params)
    return this.until(() => this.messages.find((message): message is Message => typeof message !== 'string' && message.id === id), `the answer to ${method}`)
  }

  /** Presence events received so far, as Studio's transport reads them. */
  events() {
    return this.messages.flatMap((message) =>
      typeof message !== 'string' && message.method === 'presence_subscription' && message.params ? [message.params.result] : [],
    )
  }

  closedWith(): Promise<{code: number; reason: string}> {
    return this.until(() => this.closed, 'the socket to close')
  }

  /** Closes and waits for the lake's side of the handshake, so the socket's slot is free again. */
  async close(): Promise<void> {
    this.ws.close()
    await this.closedWith()
  }
}

function open(url: string, options: WebSocket.ClientOptions = {}): Promise<Client> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, options)
    const client = new Client(ws)
    ws.once('open', () => resolve(client))
    ws.once('unexpected-response', (_request, response) => reject(new Error(`HTTP ${response.statusCode}`)))
    ws.once('error', reject)
  })
}

/** The HTTP answer to an upgrade the lake refuses. */
function refusal(url: string, options: WebSocket.ClientOptions = {}): Promise<{status: number; body: string}> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, options)
    ws.once('open', () => reject(new Error('The socket opened')))
    ws.once('error', () => {})
    ws.once('unexpected-response', (_request, response) => {
      let body = ''
      response.on('data', (chunk: Buffer) => {
        body += chunk
      })
      response.on('end', () => resolve({status: response.statusCode ?? 0, body}))
    })
  })
}

let lake: LakeProcess
let socketUrl: string

/** A signed-in client with a presence subscription, as Studio's presence store opens it. */
async function signedIn(token: string, options: WebSocket.ClientOptions = {}): Promise<Client> {
  const client = await open(socketUrl, options)
  expect((await client.request('authorization', {authorization: `Bearer ${token}`})).result).toBe(true)
  expect(typeof (await client.request('presence_subscribe')).result).toBe('string')
  return client
}

const location = (documentId: string) => ({type: 'document', documentId, path: ['title'], lastActiveAt: new Date().toISOString()})

beforeAll(async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'presence-tokens-'))
  const tokensFile = path.join(dir, 'tokens.json')
  fs.writeFileSync(
    tokensFile,
    JSON.stringify([
      {name: 'alice', role: 'editor', token: ALICE},
      {name: 'bob', role: 'viewer', token: BOB},
    ]),
  )
  lake = await startLakeProcess(temporaryDataDir(), {
    CONTENT_LAKE_TOKENS_FILE: tokensFile,
    CONTENT_LAKE_PRESENCE_MAX_PER_CLIENT: '4',
    CONTENT_LAKE_PRESENCE_IDLE_MS: '1500',
  })
  socketUrl = `${lake.url.replace(/^http/, 'ws')}${SOCKET}?tag=sanity.studio`
})

afterAll(async () => {
  await lake?.stop()
})

describe('presence between two editors', () => {
  test("one's roll call and state reach the other, with the user id Studio looks up", async () => {
    const alice = await signedIn(ALICE)
    const bob = await signedIn(BOB)
    await alice.request('presence_rollcall', {session: 'alice-session'})
    expect(await bob.until(() => bob.events().find((event) => event.type === 'rollCall'), 'the roll call')).toEqual({
      type: 'rollCall',
      i: 'p-local-alice',
      session: 'alice-session',
    })
    await alice.request('presence_announce', {data: {sessionId: 'alice-session', locations: [location('drafts.post-1')]}})
    const state = await bob.until(() => bob.events().find((event) => event.type === 'state'), 'the state')
    expect(state).toEqual({
      type: 'state',
      i: 'p-local-alice',
      m: {sessionId: 'alice-session', locations: [location('drafts.post-1')].map((l) => ({...l, lastActiveAt: expect.any(String)}))},
    })
    // The sender does not get its own events back.
    expect(alice.events()).toEqual([])
    await alice.close()
    await bob.close()
  })

  test('a newcomer sees who is already there at once', async () => {
    const alice = await signedIn(ALICE)
    await alice.request('presence_announce', {data: {sessionId: 'alice-early', locations: [location('post-2')]}})
    const bob = await signedIn(BOB)
    const state = await bob.until(() => bob.events().find((event) => event.type === 'state'), 'the state')
    expect(state).toMatchObject({i: 'p-local-alice', m: {sessionId: 'alice-early'}})
    await alice.close()
    await bob.close()
  })

  test('a session that says goodbye, and a socket that closes, leave the other view at once', async () => {
    const alice = await signedIn(ALICE)
    const bob = await signedIn(BOB)
    await alice.request('presence_announce', {data: {sessionId: 'tab-1', locations: [location('post-3')]}})
    await alice.request('presence_announce', {data: {sessionId: 'tab-2', locations: [location('post-3')]}})
    await alice.request('presence_disconnect', {session: 'tab-1'})
    expect(await bob.until(() => bob.events().find((event) => event.type === 'disconnect'), 'the goodbye')).toEqual({
      type: 'disconnect',
      i: 'p-local-alice',
      m: {session: 'tab-1'},
    })
    await alice.close()
    await bob.until(() => bob.events().find((event) => event.type === 'disconnect' && event.m?.session === 'tab-2'), 'the closed socket to clear tab-2')
    // A later newcomer sees nobody left.
    const carol = await signedIn(BOB)
    await carol.request('presence_rollcall', {session: 'carol'})
    expect(carol.events()).toEqual([])
    await bob.close()
    await carol.close()
  })

  test('the HTTPS listener, where Studio is, serves the same presence', async () => {
    if (!lake.httpsUrl) throw new Error('The lake did not start HTTPS')
    const ca = fs.readFileSync(path.join(lake.dataDir, 'tls', 'ca.pem'))
    const overHttps = new Client(new WebSocket(`${lake.httpsUrl.replace(/^https/, 'wss')}${SOCKET}`, {ca}))
    await new Promise((resolve) => overHttps.ws.once('open', resolve))
    await overHttps.request('authorization', {authorization: `Bearer ${ALICE}`})
    await overHttps.request('presence_announce', {data: {sessionId: 'over-https', locations: [location('post-4')]}})
    const bob = await signedIn(BOB)
    expect(await bob.until(() => bob.events().find((event) => event.type === 'state'), 'the state')).toMatchObject({m: {sessionId: 'over-https'}})
    await overHttps.close()
    await bob.close()
  })
})

describe('bounds for anyone who can reach the socket', () => {
  test('no presence without a known token', async () => {
    const anonymous = await open(socketUrl)
    anonymous.send('presence_subscribe')
    expect((await anonymous.closedWith()).code).toBe(4001)

    const wrong = await open(socketUrl)
    wrong.send('authorization', {authorization: 'Bearer not-a-known-token-at-all'})
    expect((await wrong.closedWith()).code).toBe(4001)

    expect((await refusal(socketUrl, {headers: {authorization: 'Bearer not-a-known-token-at-all'}})).status).toBe(401)
  })

  test('a header token signs in too, for clients that can send one', async () => {
    const alice = await open(socketUrl, {headers: {authorization: `Bearer ${ALICE}`}})
    expect(typeof (await alice.request('presence_subscribe')).result).toBe('string')
    await alice.close()
  })

  test('unknown paths and datasets are 404s, not sockets', async () => {
    const other = await refusal(`${lake.url.replace(/^http/, 'ws')}/v2022-06-30/socket/nope`)
    expect(other.status).toBe(404)
    expect(JSON.parse(other.body)).toMatchObject({statusCode: 404, message: expect.stringContaining('Dataset "nope" not found')})
    expect((await refusal(`${lake.url.replace(/^http/, 'ws')}/v2022-06-30/data/listen/production`)).status).toBe(404)
  })

  test('a malformed upgrade is a 4xx, not a socket and not a 500', async () => {
    const {port} = new URL(lake.url)
    const raw = (request: string) =>
      new Promise<string>((resolve) => {
        let answer = ''
        const socket = net.connect(Number(port), '127.0.0.1', () => socket.write(request))
        // The status line and headers are the answer; a socket that opens stays open.
        socket.on('data', (chunk) => {
          answer += chunk
          if (answer.includes('\r\n\r\n')) socket.destroy()
        })
        socket.on('close', () => resolve(answer))
      })
    const upgrade = (target: string, key = 'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n') =>
      raw(`GET ${target} HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\n${key}\r\n`)
    expect(await upgrade(SOCKET, '')).toMatch(/^HTTP\/1\.1 400 /)
    expect(await upgrade('http://[')).toMatch(/^HTTP\/1\.1 400 /)
    expect(await upgrade(SOCKET)).toMatch(/^HTTP\/1\.1 101 /)
  })

  test('a message past the size limit closes the socket', async () => {
    const alice = await signedIn(ALICE)
    alice.ws.send(
      JSON.stringify({jsonrpc: '2.0', id: 'big', method: 'presence_announce', params: {data: {sessionId: 's', locations: [{type: 'x'.repeat(40_000)}]}}}),
    )
    expect((await alice.closedWith()).code).toBe(1009)
  })

  test('a flood of messages closes the socket', async () => {
    const alice = await signedIn(ALICE)
    for (let index = 0; index < 100; index++) alice.send('presence_rollcall', {session: 'flood'})
    expect(await alice.closedWith()).toEqual({code: 1008, reason: 'Too many messages'})
  })

  test('bad requests get JSON-RPC errors, not a dropped socket', async () => {
    const alice = await signedIn(ALICE)
    alice.ws.send('not json')
    const parseError = await alice.until(() => alice.messages.find((message) => typeof message !== 'string' && message.error?.code === -32700), 'a parse error')
    expect(parseError).toMatchObject({id: null})
    expect((await alice.request('presence_nonsense')).error?.code).toBe(-32601)
    expect((await alice.request('presence_announce', {data: {sessionId: 's', locations: 'everywhere'}})).error?.code).toBe(-32602)
    for (const session of ['a', 'b', 'c', 'd']) await alice.request('presence_announce', {data: {sessionId: session, locations: []}})
    expect((await alice.request('presence_announce', {data: {sessionId: 'e', locations: []}})).error?.code).toBe(-32602)
    expect(alice.closed).toBeUndefined()
    await alice.close()
  })

  test('one address holds a bounded number of sockets', async () => {
    // An address of its own (all of 127.0.0.0/8 reaches the lake), whatever other tests left open.
    const from = {localAddress: '127.0.0.7'}
    const held = await Promise.all([0, 1, 2, 3].map(() => open(socketUrl, from)))
    const over = await refusal(socketUrl, from)
    expect(over.status).toBe(429)
    expect(JSON.parse(over.body)).toMatchObject({message: expect.stringContaining('Too many open presence sockets from this address')})
    // Another address still gets one.
    await (await open(socketUrl, {localAddress: '127.0.0.8'})).close()
    await Promise.all(held.map((client) => client.close()))
    await (await open(socketUrl, from)).close()
  })

  test('a silent socket is closed after the idle time; one that speaks stays', async () => {
    const silent = await signedIn(ALICE, {localAddress: '127.0.0.9'})
    const talking = await signedIn(BOB, {localAddress: '127.0.0.9'})
    const talk = setInterval(() => talking.send('presence_rollcall', {session: 'still-here'}), 300)
    try {
      const started = Date.now()
      // Idle after 1.5 s, looked for every 1.5 s.
      await silent.until(() => silent.closed, 'the idle socket to close', 4_000)
      expect(silent.closed).toEqual({code: 1001, reason: 'Idle for too long'})
      expect(Date.now() - started).toBeGreaterThanOrEqual(1_000)
      expect(talking.closed).toBeUndefined()
    } finally {
      clearInterval(talk)
      await talking.close()
    }
  })
})

test('stopping the lake closes its sockets, as going away', async () => {
  const own = await startLakeProcess(temporaryDataDir())
  const client = await open(`${own.url.replace(/^http/, 'ws')}${SOCKET}`, {headers: {authorization: `Bearer ${TEST_TOKEN}`}})
  const stopped = own.stop()
  expect(await client.closedWith()).toEqual({code: 1001, reason: 'The lake is stopping'})
  await stopped
})
