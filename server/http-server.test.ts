import net from 'node:net'
import type {AddressInfo} from 'node:net'
import express from 'express'
import {afterAll, beforeAll, expect, test} from 'vitest'
import {createSiteServer} from './http-server'
import {bodyRules} from './body-limits'
import {limitRequestBodies} from './request-body'

let server: ReturnType<typeof createSiteServer>
let port: number
beforeAll(async () => {
  const app = express()
  app.use(limitRequestBodies(bodyRules(64 * 1024)))
  app.use((_req, res) => res.send('read'))
  server = createSiteServer(app, {requestMs: 1_000, headersMs: 800, checkEveryMs: 100})
  server.listen(0, '127.0.0.1')
  await new Promise((resolve) => server.once('listening', resolve))
  port = (server.address() as AddressInfo).port
})
afterAll(() => {
  server.closeAllConnections()
  server.close()
})

/** Sends `head` and `body`, then nothing more; resolves with what came back and when the socket closed. */
function stall(head: string, body = ''): Promise<{answer: string; closedAfterMs: number}> {
  return new Promise((resolve, reject) => {
    const started = performance.now()
    let answer = ''
    const socket = net.connect(port, '127.0.0.1', () => socket.write(head + body))
    socket.on('data', (chunk) => (answer += chunk.toString()))
    socket.on('error', reject)
    socket.on('close', () => resolve({answer, closedAfterMs: performance.now() - started}))
    // Far past the deadline: a server that waits for the rest of the body fails here.
    setTimeout(() => socket.destroy(new Error('the server kept the stalled request open')), 5_000).unref()
  })
}

test('a body that stalls short of its stated length is cut off at the deadline with 408', async () => {
  const {answer, closedAfterMs} = await stall(
    'POST /auth/github HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 8000\r\n\r\n',
    'name=Ann',
  )
  expect(answer).toMatch(/^HTTP\/1\.1 408/)
  expect(closedAfterMs).toBeLessThan(2_500)
})

test('headers that never finish are cut off too', async () => {
  const {answer, closedAfterMs} = await stall('GET / HTTP/1.1\r\nHost: localhost\r\nX-Slow: ')
  expect(answer).toMatch(/^HTTP\/1\.1 408/)
  expect(closedAfterMs).toBeLessThan(2_500)
})
