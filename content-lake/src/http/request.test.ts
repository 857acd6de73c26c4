import http from 'node:http'
import net from 'node:net'
import {afterAll, beforeAll, describe, expect, test} from 'vitest'
import {startLakeProcess, temporaryDataDir, TEST_TOKEN, type LakeProcess} from '../../test/lake-process'

// Request bodies against a real lake process: each route's limit holds before the route runs,
// for bodies of unknown length too, and an oversized body is answered at once and not read.

let lake: LakeProcess

beforeAll(async () => {
  lake = await startLakeProcess(temporaryDataDir(), {CONTENT_LAKE_BODY_IDLE_MS: String(BODY_IDLE_MS)})
})

afterAll(async () => {
  await lake?.stop()
})

const QUERY_LIMIT = 1024 * 1024
const BODY_IDLE_MS = 1_000

interface Sent {
  status: number
  body: unknown
  headers: http.IncomingHttpHeaders
  /** Bytes of the body written when the answer came. */
  written: number
  /** Whether the server closed the connection after answering. */
  closed: boolean
}

/**
 * Streams `total` bytes of body in 64 KiB chunks (chunked unless `headers` give a length),
 * stopping as soon as an answer arrives.
 */
function stream(path: string, total: number, headers: Record<string, string> = {}, method = 'POST'): Promise<Sent> {
  return new Promise((resolve, reject) => {
    let written = 0
    let answered = false
    const request = http.request(`${lake.url}${path}`, {method, headers: {authorization: `Bearer ${TEST_TOKEN}`, ...headers}, agent: false})
    request.on('error', (error) => {
      if (!answered) reject(error)
    })
    request.on('response', (response) => {
      answered = true
      const chunks: Buffer[] = []
      response.on('data', (chunk: Buffer) => chunks.push(chunk))
      response.on('end', () => {
        const closed = new Promise<boolean>((done) => {
          if (request.socket?.destroyed) return done(true)
          request.socket?.once('close', () => done(true))
          setTimeout(() => done(false), 2_000)
        })
        void closed.then((wasClosed) =>
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            body: JSON.parse(Buffer.concat(chunks).toString('utf8')),
            written,
            closed: wasClosed,
          }),
        )
      })
    })
    const chunk = Buffer.alloc(64 * 1024, ' ')
    const writeMore = () => {
      while (!answered && written < total) {
        written += chunk.length
        if (!request.write(chunk)) return void request.once('drain', writeMore)
      }
      if (!answered) request.end()
    }
    writeMore()
  })
}

const tooLarge = (limit: number) => ({statusCode: 413, error: 'Payload Too Large', message: `Request body is larger than ${limit} bytes`})

describe('a body over the route’s limit', () => {
  test('of unknown length (chunked) is answered 413 once the limit is passed, without reading the rest, and the connection closes', async () => {
    const total = 64 * 1024 * 1024
    const sent = await stream('/v2025-02-19/data/query/production', total, {'content-type': 'application/json'})
    expect(sent.status).toBe(413)
    expect(sent.body).toEqual(tooLarge(QUERY_LIMIT))
    expect(sent.headers.connection).toBe('close')
    // Closed by the lake once the client stopped sending (or a second after the answer).
    expect(sent.closed).toBe(true)
    // Socket buffers on both sides hold a few MB at most: the answer came long before the end.
    expect(sent.written).toBeLessThan(total / 4)
  })

  test('the answer reaches a client that is still sending: ten at once, every one reads its 413', async () => {
    // Closing while a client still sends resets the connection, and a reset can destroy the
    // answer before the client reads it (write EPIPE, no answer): the lake lets them finish first.
    const sent = await Promise.all(
      Array.from({length: 10}, () => stream('/v2025-02-19/data/query/production', 8 * 1024 * 1024, {'content-type': 'application/json'})),
    )
    expect(sent.map(({status}) => status)).toEqual(Array(10).fill(413))
  })

  test('declared by Content-Length is answered 413 before any of it is read', async () => {
    const {hostname, port} = new URL(lake.url)
    const socket = net.connect(Number(port), hostname)
    socket.write(
      `POST /v2025-02-19/data/mutate/production HTTP/1.1\r\nHost: ${hostname}\r\nAuthorization: Bearer ${TEST_TOKEN}\r\n` +
        `Content-Type: application/json\r\nContent-Length: ${100 * 1024 * 1024}\r\n\r\n{"mutations": [`,
    )
    const answer = await new Promise<string>((resolve) => {
      let text = ''
      socket.on('data', (data) => (text += data.toString('utf8')))
      socket.on('close', () => resolve(text))
    })
    expect(answer).toMatch(/^HTTP\/1\.1 413 /)
    expect(answer.toLowerCase()).toContain('connection: close')
    expect(JSON.parse(answer.slice(answer.indexOf('\r\n\r\n')))).toEqual(tooLarge(4 * 1024 * 1024))
  })

  test('on a route that takes no body, any body is refused with 413', async () => {
    // A small body sent with the headers, so that the lake's answer is never raced by a reset
    // from body bytes still unread when it closes the connection.
    const {hostname, port} = new URL(lake.url)
    const head = `GET /v2025-02-19/data/doc/production/a HTTP/1.1\r\nHost: ${hostname}\r\nAuthorization: Bearer ${TEST_TOKEN}\r\nConnection: close\r\n`
    for (const framing of ['Transfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n', 'Content-Length: 5\r\n\r\nhello']) {
      const answer = await new Promise<string>((resolve, reject) => {
        let text = ''
        const socket = net.connect(Number(port), hostname, () => socket.write(head + framing))
        socket.on('data', (data) => (text += data.toString('utf8')))
        socket.on('error', reject)
        socket.on('close', () => resolve(text))
      })
      expect(answer).toMatch(/^HTTP\/1\.1 413 /)
      expect(JSON.parse(answer.slice(answer.indexOf('\r\n\r\n')))).toEqual({
        statusCode: 413,
        error: 'Payload Too Large',
        message: 'This endpoint takes no request body',
      })
    }
  })

  test('an upload has its own, larger limit', async () => {
    const upload = await stream('/v2025-02-19/assets/files/production?filename=big.bin', 2 * 1024 * 1024)
    expect(upload.status).toBe(200)
  })
})

describe('a Content-Length that lies', () => {
  test('shorter than the body: the body is cut there, the rest is no request, and nothing is written', async () => {
    const {hostname, port} = new URL(lake.url)
    const socket = net.connect(Number(port), hostname)
    const body = JSON.stringify({mutations: [{create: {_id: 'liar', _type: 'thing'}}]})
    socket.write(
      `POST /v2025-02-19/data/mutate/production HTTP/1.1\r\nHost: ${hostname}\r\nAuthorization: Bearer ${TEST_TOKEN}\r\n` +
        `Content-Type: application/json\r\nContent-Length: 10\r\n\r\n${body}`,
    )
    const answer = await new Promise<string>((resolve) => {
      let text = ''
      socket.on('data', (data) => (text += data.toString('utf8')))
      socket.on('close', () => resolve(text))
    })
    // The cut body is no JSON, and the rest is no HTTP request: either way, a 400.
    expect(answer).toMatch(/^HTTP\/1\.1 400 /)
    expect(answer).not.toMatch(/ 500 /)
    expect(await lake.client().getDocument('liar')).toBeUndefined()
  })

  test('longer than the body: the request waits for the rest, and other requests are answered meanwhile', async () => {
    const {hostname, port} = new URL(lake.url)
    const socket = net.connect(Number(port), hostname)
    socket.write(
      `POST /v2025-02-19/data/query/production HTTP/1.1\r\nHost: ${hostname}\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"query": "1"}`,
    )
    expect(await lake.client().fetch('1 + 1')).toBe(2)
    socket.destroy()
  })

  test('longer than the body, and nothing more comes: 408 once the body has paused too long, and the connection closes', async () => {
    const {hostname, port} = new URL(lake.url)
    const started = performance.now()
    const {answer, closed} = await new Promise<{answer: string; closed: number}>((resolve, reject) => {
      let answer = ''
      const socket = net.connect(Number(port), hostname, () =>
        socket.write(
          `POST /v2025-02-19/data/mutate/production HTTP/1.1\r\nHost: ${hostname}\r\nContent-Type: application/json\r\nContent-Length: 8000\r\n\r\n{"mutations": [`,
        ),
      )
      socket.on('data', (chunk) => (answer += chunk.toString()))
      socket.on('error', reject)
      socket.on('close', () => resolve({answer, closed: performance.now() - started}))
      setTimeout(() => socket.destroy(new Error('the lake kept waiting for the stalled body')), 5_000).unref()
    })
    expect(answer).toMatch(/^HTTP\/1\.1 408/)
    expect(answer).toMatch(/stopped arriving/)
    expect(closed).toBeLessThan(BODY_IDLE_MS + 2_500)
  })
})

test('a chunked body within the limit is read as usual', async () => {
  const response = await new Promise<{status: number; body: string}>((resolve, reject) => {
    const request = http.request(`${lake.url}/v2025-02-19/data/mutate/production`, {
      method: 'POST',
      headers: {authorization: `Bearer ${TEST_TOKEN}`, 'content-type': 'application/json'},
    })
    request.on('error', reject)
    request.on('response', (res) => {
      let body = ''
      res.on('data', (data) => (body += data))
      res.on('end', () => resolve({status: res.statusCode ?? 0, body}))
    })
    const text = JSON.stringify({mutations: [{create: {_id: 'chunked', _type: 'thing', text: 'x'.repeat(200_000)}}]})
    for (let at = 0; at < text.length; at += 10_000) request.write(text.slice(at, at + 10_000))
    request.end()
  })
  expect(response.status).toBe(200)
  expect(await lake.client().getDocument('chunked')).toMatchObject({_id: 'chunked'})
})
