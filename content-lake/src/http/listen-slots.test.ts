import http from 'node:http'
import {afterAll, beforeAll, expect, test} from 'vitest'
import {startLakeProcess, type LakeProcess} from '../../test/lake-process'

// Listen streams hold a connection each for as long as the client likes: a real lake process
// with small caps answers 429 past them, and frees a slot when a stream closes.

let lake: LakeProcess

beforeAll(async () => {
  lake = await startLakeProcess(undefined, {CONTENT_LAKE_LISTEN_MAX_PER_CLIENT: '3', CONTENT_LAKE_LISTEN_MAX_TOTAL: '5'})
})

afterAll(async () => {
  await lake?.stop()
})

interface Stream {
  status: number
  headers: http.IncomingHttpHeaders
  body: string
  close(): Promise<void>
}

/** Opens a listen stream from the given local address (all of 127.0.0.0/8 reaches the lake). */
function listen(localAddress: string, {to = lake, forwardedFor}: {to?: LakeProcess; forwardedFor?: string} = {}): Promise<Stream> {
  const headers = forwardedFor ? {'x-forwarded-for': forwardedFor} : {}
  return new Promise((resolve, reject) => {
    const request = http.get(`${to.url}/v2025-02-19/data/listen/production?query=*`, {localAddress, agent: false, headers}, (response) => {
      let body = ''
      response.setEncoding('utf8')
      response.on('data', (chunk: string) => {
        body += chunk
        if (response.statusCode !== 200 || body.includes('event: welcome')) done()
      })
      response.on('end', done)
      let resolved = false
      function done() {
        if (resolved) return
        resolved = true
        resolve({
          status: response.statusCode ?? 0,
          headers: response.headers,
          body,
          close: () =>
            new Promise<void>((closed) => {
              request.socket?.once('close', () => closed())
              request.destroy()
            }),
        })
      }
    })
    request.on('error', reject)
  })
}

test('one address gets at most its share of streams; others still get theirs, up to the total', async () => {
  const first = await Promise.all([listen('127.0.0.2'), listen('127.0.0.2'), listen('127.0.0.2')])
  expect(first.map((stream) => stream.status)).toEqual([200, 200, 200])

  const refused = await listen('127.0.0.2')
  expect(refused.status).toBe(429)
  expect(refused.headers['retry-after']).toBe('5')
  expect(JSON.parse(refused.body)).toEqual({
    statusCode: 429,
    error: 'Too Many Requests',
    message: 'Too many open listeners from this address (at most 3)',
  })

  const others = await Promise.all([listen('127.0.0.3'), listen('127.0.0.3')])
  expect(others.map((stream) => stream.status)).toEqual([200, 200])
  const overTotal = await listen('127.0.0.4')
  expect(overTotal.status).toBe(429)
  expect(JSON.parse(overTotal.body)).toMatchObject({message: 'Too many open listeners (at most 5)'})

  // A closed stream gives its slot back.
  await first[0]!.close()
  await expect
    .poll(async () => {
      const again = await listen('127.0.0.2')
      if (again.status === 200) await again.close()
      return again.status
    })
    .toBe(200)

  await Promise.all([...first.slice(1), ...others].map((stream) => stream.close()))
})

test('behind a trusted proxy each forwarded address gets its own share; from anyone else the header is ignored', async () => {
  // 127.0.0.5 plays the proxy (CONTENT_LAKE_TRUST_PROXY); one stream per client address.
  const behindProxy = await startLakeProcess(undefined, {CONTENT_LAKE_LISTEN_MAX_PER_CLIENT: '1', CONTENT_LAKE_TRUST_PROXY: '127.0.0.5'})
  try {
    const viaProxy = (forwardedFor: string) => listen('127.0.0.5', {to: behindProxy, forwardedFor})
    const [first, second] = await Promise.all([viaProxy('198.51.100.1'), viaProxy('198.51.100.2')])
    expect([first!.status, second!.status]).toEqual([200, 200])
    expect((await viaProxy('198.51.100.1')).status).toBe(429)
    // A client's own X-Forwarded-For before the proxy's entry does not make it someone else.
    expect((await viaProxy('203.0.113.7, 198.51.100.1')).status).toBe(429)

    // Not the proxy: its header is its own invention, and its connection's address counts.
    const direct = await listen('127.0.0.6', {to: behindProxy, forwardedFor: '198.51.100.3'})
    expect(direct.status).toBe(200)
    expect((await listen('127.0.0.6', {to: behindProxy, forwardedFor: '198.51.100.4'})).status).toBe(429)
    await Promise.all([first!, second!, direct].map((stream) => stream.close()))
  } finally {
    await behindProxy.stop()
  }
})
