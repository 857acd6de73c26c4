import net from 'node:net'
import {afterAll, beforeAll, expect, test} from 'vitest'
import {startLakeProcess, TEST_TOKEN, type LakeProcess} from '../../test/lake-process'

// A client that sends half a request and stalls, or hangs up mid-body, must neither block
// other writers nor leave anything half-written.

let lake: LakeProcess

beforeAll(async () => {
  lake = await startLakeProcess()
})

afterAll(async () => {
  await lake?.stop()
})

function partialRequest(body: string, declaredLength: number): net.Socket {
  const {hostname, port} = new URL(lake.url)
  const socket = net.connect(Number(port), hostname)
  socket.write(
    `POST /v2025-02-19/data/mutate/production HTTP/1.1\r\nHost: ${hostname}\r\nAuthorization: Bearer ${TEST_TOKEN}\r\n` +
      `Content-Type: application/json\r\nContent-Length: ${declaredLength}\r\n\r\n${body}`,
  )
  return socket
}

test('a stalled upload does not hold up other writers', async () => {
  const body = JSON.stringify({mutations: [{create: {_id: 'stalled', _type: 'thing'}}]})
  const stalled = partialRequest(body.slice(0, 20), body.length)
  const started = performance.now()
  await lake.client().create({_id: 'meanwhile', _type: 'thing'})
  expect(performance.now() - started).toBeLessThan(1_000)
  stalled.destroy()
})

test('a client that hangs up mid-body writes nothing', async () => {
  const body = JSON.stringify({mutations: [{create: {_id: 'half-sent', _type: 'thing'}}]})
  const socket = partialRequest(body.slice(0, body.length - 5), body.length)
  await new Promise((resolve) => setTimeout(resolve, 100))
  socket.destroy()
  await new Promise((resolve) => setTimeout(resolve, 100))
  expect(await lake.client().getDocument('half-sent')).toBeUndefined()
  // And the lake still answers.
  expect(await lake.client().fetch('count(*[_id == "meanwhile"])')).toBe(1)
})
