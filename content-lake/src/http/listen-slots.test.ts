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
function listen(localAddress: string): Promise<Stream> {
  return new Promise((resolve, reject) => {
    const request = http.get(`${lake.url}/v2025-02-19/data/listen/production?query=*`, {localAddress, agent: false}, (response) => {
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
