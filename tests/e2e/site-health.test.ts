import net from 'node:net'
import {afterAll, beforeAll, expect, test} from 'vitest'
import {type SiteWithOwnLake, startSiteWithOwnLake} from '../support/site-with-own-lake'

// A load balancer asks /readyz whether to send the site readers, a supervisor asks /healthz
// whether to restart it; a site told to stop finishes what it is answering.

const POST_PATH = '/2013/07/25/hold-on-we-dont-do-that-sex-therapy-v-sexual-surrogacy/'
let stack: SiteWithOwnLake

beforeAll(async () => {
  stack = await startSiteWithOwnLake()
}, 120_000)
afterAll(async () => {
  await stack?.stop()
})

test('liveness and readiness answer GET and HEAD, uncached, with the security headers', async () => {
  for (const [path, status] of [
    ['/healthz', 'alive'],
    ['/readyz', 'ready'],
  ] as const) {
    const response = await fetch(`${stack.siteUrl}${path}`)
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({status})
    expect(response.headers.get('cache-control')).toBe('no-store')
    expect(response.headers.get('x-content-type-options')).toBe('nosniff')
    const head = await fetch(`${stack.siteUrl}${path}`, {method: 'HEAD'})
    expect(head.status).toBe(200)
    expect(await head.text()).toBe('')
  }
})

test('readiness turns 503 with a reason while the lake is down, and back once it returns', async () => {
  await stack.stopLake()
  try {
    const response = await fetch(`${stack.siteUrl}/readyz`)
    expect(response.status).toBe(503)
    expect(await response.json()).toEqual({status: 'unready', reason: 'the Content Lake does not answer'})
    expect(response.headers.get('cache-control')).toBe('no-store')
    // Alive all the same: restarting the site would not bring the lake back.
    expect((await fetch(`${stack.siteUrl}/healthz`)).status).toBe(200)
  } finally {
    await stack.startLake()
  }
  expect((await fetch(`${stack.siteUrl}/readyz`)).status).toBe(200)
}, 60_000)

test('a request in flight when the site is told to stop still gets its answer', async () => {
  const {port} = new URL(stack.siteUrl)
  const body = new URLSearchParams({comment: 'Sent slowly.', author: 'Slow', email: 'slow@example.com'}).toString()
  const socket = net.connect(Number(port), 'localhost')
  let answer = ''
  socket.on('data', (chunk) => {
    answer += chunk
  })
  const closed = new Promise((resolve) => socket.once('close', resolve))
  await new Promise((resolve) => socket.once('connect', resolve))
  // Headers and half the body now; the rest once the site has been told to stop.
  socket.write(
    `POST ${POST_PATH} HTTP/1.1\r\nHost: localhost:${port}\r\nOrigin: ${stack.siteUrl}\r\n` +
      `Content-Type: application/x-www-form-urlencoded\r\nContent-Length: ${body.length}\r\n\r\n${body.slice(0, 10)}`,
  )
  await new Promise((resolve) => setTimeout(resolve, 300))
  const stopped = stack.stop()
  await new Promise((resolve) => setTimeout(resolve, 1_000))
  await expect(fetch(`${stack.siteUrl}/healthz`)).rejects.toThrow()
  // Not `end`: a client that half-closes has its request aborted. The stopping site closes the connection once it is idle.
  socket.write(body.slice(10))
  await closed
  expect(answer).toMatch(/^HTTP\/1\.1 [234]\d\d /)
  await stopped
}, 60_000)
