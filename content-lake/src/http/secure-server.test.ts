import fs from 'node:fs'
import http2 from 'node:http2'
import https from 'node:https'
import os from 'node:os'
import path from 'node:path'
import {afterAll, beforeAll, describe, expect, test} from 'vitest'
import {configFromEnv} from '../config'
import {ContentLake} from '../lake'
import {listenAll, type RunningListeners} from './secure-server'

const TOKEN = 'secure-server-test-token'
const COUNT = '/v2025-02-19/data/query/production?query=count(*)'

function temporaryDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'content-lake-https-'))
}

/** A lake on free ports, HTTPS included, as the CLI starts it. */
async function start(env: Record<string, string> = {}): Promise<{lake: ContentLake; running: RunningListeners}> {
  const lake = new ContentLake(
    configFromEnv({
      CONTENT_LAKE_PORT: '0',
      CONTENT_LAKE_HTTPS_PORT: '0',
      CONTENT_LAKE_DATA_DIR: temporaryDir(),
      CONTENT_LAKE_TOKEN: TOKEN,
      CONTENT_LAKE_LISTEN_KEEPALIVE_MS: '60000',
      ...env,
    }),
  )
  lake.createDataset('production')
  return {lake, running: await listenAll(lake)}
}

function secure(running: RunningListeners) {
  if (!running.https) throw new Error('The HTTPS listener did not start')
  return {...running.https, ca: fs.readFileSync(running.https.caPath, 'utf8')}
}

interface H2Response {
  status: number
  body: string
}

/** One request on an HTTP/2 session, read to the end. */
function h2Request(session: http2.ClientHttp2Session, headers: http2.OutgoingHttpHeaders, body?: string): Promise<H2Response> {
  return new Promise((resolve, reject) => {
    const stream = session.request(headers)
    let status = 0
    let text = ''
    stream.setEncoding('utf8')
    stream.on('response', (response) => (status = Number(response[':status'])))
    stream.on('data', (chunk: string) => (text += chunk))
    stream.on('end', () => resolve({status, body: text}))
    stream.on('error', reject)
    stream.end(body)
  })
}

/** Opens a listen stream and resolves once its `welcome` event is in: the stream is then open for good. */
function openListener(session: http2.ClientHttp2Session, query: string): Promise<{stream: http2.ClientHttp2Stream; received: () => string}> {
  return new Promise((resolve, reject) => {
    const stream = session.request({':path': `/v2025-02-19/data/listen/production?query=${encodeURIComponent(query)}`})
    let text = ''
    stream.setEncoding('utf8')
    stream.on('data', (chunk: string) => {
      text += chunk
      if (text.includes('event: welcome')) resolve({stream, received: () => text})
    })
    stream.on('error', reject)
    stream.on('end', () => reject(new Error(`The listener ended before its welcome: ${text}`)))
  })
}

/** An HTTP/2 session that trusts only `ca`, checking the certificate for `servername` when given. */
function connect(url: string, ca: string, servername?: string): Promise<http2.ClientHttp2Session> {
  return new Promise((resolve, reject) => {
    const session = http2.connect(url, {ca, ...(servername ? {servername} : {})})
    session.once('connect', () => resolve(session))
    session.once('error', reject)
  })
}

describe('the HTTPS listener', () => {
  let lake: ContentLake
  let running: RunningListeners
  let session: http2.ClientHttp2Session

  beforeAll(async () => {
    ;({lake, running} = await start())
    const {url, ca} = secure(running)
    session = await connect(url, ca)
  })

  afterAll(async () => {
    session?.destroy()
    await running?.close()
    lake?.close()
  })

  test('listens on localhost with a certificate from the local CA in <dataDir>/tls', () => {
    const {url, caPath} = secure(running)
    expect(url).toMatch(/^https:\/\/localhost:\d+$/)
    expect(caPath).toBe(path.join(lake.config.dataDir, 'tls', 'ca.pem'))
    expect(running.https!.caCreated).toBe(true)
  })

  test('speaks HTTP/2 and answers GROQ queries', async () => {
    expect(session.alpnProtocol).toBe('h2')
    const response = await h2Request(session, {':path': COUNT})
    expect(response.status).toBe(200)
    expect(JSON.parse(response.body)).toMatchObject({query: 'count(*)', result: 0})
  })

  test('reads request bodies and checks tokens over HTTP/2', async () => {
    const mutate = (authorization?: string) =>
      h2Request(
        session,
        {
          ':method': 'POST',
          ':path': '/v2025-02-19/data/mutate/h2writes?returnIds=true',
          'content-type': 'application/json',
          ...(authorization ? {authorization} : {}),
        },
        JSON.stringify({mutations: [{create: {_id: 'over-h2', _type: 'thing'}}]}),
      )
    expect((await mutate()).status).toBe(403)
    expect((await mutate('Bearer not-the-token')).status).toBe(401)
    const created = await mutate(`Bearer ${TOKEN}`)
    expect(created.status).toBe(200)
    expect(JSON.parse(created.body).results).toEqual([{id: 'over-h2', operation: 'create'}])
    const count = await h2Request(session, {':path': '/v2025-02-19/data/query/h2writes?query=count(*)'})
    expect(JSON.parse(count.body).result).toBe(1)
  })

  test('refuses a body over the limit with 413 over HTTP/2, and the session goes on', async () => {
    const tooLarge = await h2Request(
      session,
      {':method': 'POST', ':path': '/v2025-02-19/data/query/production', 'content-type': 'application/json'},
      JSON.stringify({query: '*', params: {padding: 'x'.repeat(2 * 1024 * 1024)}}),
    )
    expect(tooLarge.status).toBe(413)
    expect(JSON.parse(tooLarge.body)).toMatchObject({statusCode: 413, error: 'Payload Too Large'})
    const after = await h2Request(session, {':path': '/v2025-02-19/data/query/production?query=1'})
    expect(after.status).toBe(200)
  })

  test('answers errors in Sanity’s shape over HTTP/2', async () => {
    const response = await h2Request(session, {':path': '/v2025-02-19/data/nothing-here'})
    expect(response.status).toBe(404)
    expect(JSON.parse(response.body)).toMatchObject({statusCode: 404, error: 'Not Found'})
  })

  test('speaks HTTP/1.1 over TLS to clients that do not offer h2', async () => {
    const {url, ca} = secure(running)
    const agent = new https.Agent({ca})
    const response = await new Promise<{version: string; status: number; body: string}>((resolve, reject) => {
      https
        .get(`${url}${COUNT}`, {agent}, (res) => {
          let body = ''
          res.setEncoding('utf8')
          res.on('data', (chunk: string) => (body += chunk))
          res.on('end', () => resolve({version: res.httpVersion, status: res.statusCode ?? 0, body}))
        })
        .on('error', reject)
    })
    agent.destroy()
    expect(response.version).toBe('1.1')
    expect(response.status).toBe(200)
    expect(JSON.parse(response.body)).toMatchObject({result: 0})
  })

  test('keeps plain HTTP for servers', async () => {
    expect(running.http.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    const response = await fetch(`${running.http.url}${COUNT}`)
    expect(await response.json()).toMatchObject({result: 0})
  })

  test('ten open listen streams on one connection do not hold up an eleventh request', async () => {
    let sessions = 0
    const countSessions = () => sessions++
    running.https!.server.on('session', countSessions)
    const {url, ca} = secure(running)
    const shared = await connect(url, ca)
    try {
      // More than the six connections a browser allows per origin over HTTP/1.1.
      const listeners = await Promise.all(Array.from({length: 10}, () => openListener(shared, '*[_type == "post"]')))
      const started = performance.now()
      const response = await h2Request(shared, {':path': COUNT})
      expect(JSON.parse(response.body)).toMatchObject({result: 0})
      expect(performance.now() - started).toBeLessThan(2_000)
      expect(listeners.every(({stream}) => !stream.closed)).toBe(true)
      expect(sessions).toBe(1)
    } finally {
      running.https!.server.off('session', countSessions)
      shared.destroy()
    }
  })
})

describe('starting and stopping', () => {
  test('closing ends open HTTP/2 listen streams with a reconnect event, without waiting on the session', async () => {
    const {lake, running} = await start()
    const {url, ca, close} = secure(running)
    const session = await connect(url, ca)
    const listener = await openListener(session, '*')
    const ended = new Promise<void>((resolve) => listener.stream.on('close', () => resolve()))
    const started = performance.now()
    await close()
    await ended
    expect(listener.received()).toContain('event: reconnect')
    expect(performance.now() - started).toBeLessThan(1_000)
    session.destroy()
    await running.close()
    lake.close()
  })

  test('reuses the CA on the next start, and covers CONTENT_LAKE_TLS_HOSTNAMES', async () => {
    const tlsDir = temporaryDir()
    const first = await start({CONTENT_LAKE_TLS_DIR: tlsDir})
    await first.running.close()
    first.lake.close()
    const ca = fs.readFileSync(path.join(tlsDir, 'ca.pem'), 'utf8')

    const second = await start({CONTENT_LAKE_TLS_DIR: tlsDir, CONTENT_LAKE_TLS_HOSTNAMES: 'lake.test'})
    try {
      expect(secure(second.running)).toMatchObject({caPath: path.join(tlsDir, 'ca.pem'), caCreated: false, ca})
      // A client that dials the lake by the extra name, trusting only the unchanged CA.
      const port = new URL(second.running.https!.url).port
      const session = await connect(`https://127.0.0.1:${port}`, ca, 'lake.test')
      expect(JSON.parse((await h2Request(session, {':path': COUNT})).body)).toMatchObject({result: 0})
      session.destroy()
    } finally {
      await second.running.close()
      second.lake.close()
    }
  })

  test('a lake on another address sends browsers there, with a certificate that covers it', async () => {
    // Any 127.x address is this machine on Linux, yet not one the certificate covers by default.
    const {lake, running} = await start({CONTENT_LAKE_HOST: '127.0.0.2'})
    try {
      const {url, ca} = secure(running)
      expect(url).toMatch(/^https:\/\/127\.0\.0\.2:\d+$/)
      const session = await connect(url, ca)
      expect(JSON.parse((await h2Request(session, {':path': COUNT})).body)).toMatchObject({result: 0})
      session.destroy()
    } finally {
      await running.close()
      lake.close()
    }
  })

  test('CONTENT_LAKE_HTTPS_PORT=off starts plain HTTP only', async () => {
    const {lake, running} = await start({CONTENT_LAKE_HTTPS_PORT: 'off'})
    expect(running.https).toBeUndefined()
    expect(fs.existsSync(path.join(lake.config.dataDir, 'tls'))).toBe(false)
    expect(await (await fetch(`${running.http.url}${COUNT}`)).json()).toMatchObject({result: 0})
    await running.close()
    lake.close()
  })

  test('a port in use fails the start', async () => {
    const {lake, running} = await start()
    const taken = new URL(running.https!.url).port
    await expect(start({CONTENT_LAKE_HTTPS_PORT: taken})).rejects.toMatchObject({code: 'EADDRINUSE'})
    await running.close()
    lake.close()
  })
})
