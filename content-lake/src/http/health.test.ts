import net from 'node:net'
import {afterAll, beforeAll, expect, test} from 'vitest'
import {startLakeProcess, TEST_TOKEN, temporaryDataDir, type LakeProcess} from '../../test/lake-process'
import {configFromEnv} from '../config'
import {ContentLake} from '../lake'
import {listen} from './server'

let lake: LakeProcess

beforeAll(async () => {
  lake = await startLakeProcess()
})

afterAll(async () => {
  await lake?.stop()
})

test('liveness and readiness answer GET and HEAD, uncached, with no secrets', async () => {
  for (const path of ['/healthz', '/readyz']) {
    const response = await fetch(`${lake.url}${path}`)
    expect(response.status).toBe(200)
    expect(response.headers.get('cache-control')).toBe('no-store')
    const body = await response.text()
    expect(JSON.parse(body)).toEqual({status: path === '/healthz' ? 'alive' : 'ready'})
    expect(body).not.toContain(TEST_TOKEN)
    expect(body).not.toContain(lake.dataDir)
    const head = await fetch(`${lake.url}${path}`, {method: 'HEAD'})
    expect(head.status).toBe(200)
    expect(await head.text()).toBe('')
  }
})

test('readiness turns 503 with a reason once shutdown begins', async () => {
  const inProcess = new ContentLake(configFromEnv({CONTENT_LAKE_PORT: '0', CONTENT_LAKE_HTTPS_PORT: 'off', CONTENT_LAKE_DATA_DIR: temporaryDataDir()}))
  const running = await listen(inProcess)
  try {
    expect((await fetch(`${running.url}/readyz`)).status).toBe(200)
    inProcess.beginShutdown()
    const response = await fetch(`${running.url}/readyz`)
    expect(response.status).toBe(503)
    expect(await response.json()).toEqual({status: 'unready', reason: 'shutting down'})
    expect((await fetch(`${running.url}/healthz`)).status).toBe(200)
  } finally {
    await running.close()
    inProcess.close()
  }
})

test('a request in flight when the lake is told to stop still completes, and nothing new is accepted', async () => {
  const stopping = await startLakeProcess()
  const {hostname, port} = new URL(stopping.url)
  const body = JSON.stringify({mutations: [{create: {_id: 'in-flight', _type: 'thing'}}]})
  const socket = net.connect(Number(port), hostname)
  let answer = ''
  socket.on('data', (chunk) => {
    answer += chunk
  })
  const closed = new Promise((resolve) => socket.once('close', resolve))
  await new Promise((resolve) => socket.once('connect', resolve))
  // Headers and half the body now; the rest only after the lake has been told to stop.
  socket.write(
    `POST /v2025-02-19/data/mutate/production HTTP/1.1\r\nHost: ${hostname}\r\nAuthorization: Bearer ${TEST_TOKEN}\r\n` +
      `Content-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body.slice(0, 20)}`,
  )
  await new Promise((resolve) => setTimeout(resolve, 200))
  const exited = stopping.stop('SIGTERM')
  // Longer than the second a stopping lake used to give requests in flight.
  await new Promise((resolve) => setTimeout(resolve, 1_500))
  await expect(fetch(`${stopping.url}/healthz`)).rejects.toThrow()
  // Not `end`: a client that half-closes has its request aborted. The stopping lake closes the connection once it is idle.
  socket.write(body.slice(20))
  await closed
  expect(answer).toMatch(/^HTTP\/1\.1 200 /)
  expect(answer).toContain('"transactionId"')
  await exited
  // The write was committed before the lake closed its database.
  const restarted = await startLakeProcess(stopping.dataDir)
  try {
    expect(await restarted.client().getDocument('in-flight')).toMatchObject({_type: 'thing'})
  } finally {
    await restarted.stop()
  }
})
