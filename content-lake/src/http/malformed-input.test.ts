import net from 'node:net'
import {afterAll, beforeAll, expect, test} from 'vitest'
import {startLakeProcess, TEST_TOKEN, type LakeProcess} from '../../test/lake-process'

// Malformed requests to a real lake process get a clear 4xx in Sanity's shape: never a 500.

let lake: LakeProcess

beforeAll(async () => {
  lake = await startLakeProcess()
})

afterAll(async () => {
  await lake?.stop()
})

const auth = {authorization: `Bearer ${TEST_TOKEN}`}

test('a malformed percent-escape in the path is a 400', async () => {
  for (const path of [
    '/v2021-06-07/data/doc/production/%E0%A4%A',
    '/v2021-06-07/data/query/%E0%A4%A?query=*',
    '/images/local/production/%ZZ',
    '/v2021-06-07/data/history/production/events/documents/%',
  ]) {
    const response = await fetch(`${lake.url}${path}`, {headers: auth})
    expect({path, status: response.status}).toEqual({path, status: 400})
    expect(await response.json()).toMatchObject({statusCode: 400, error: 'Bad Request', message: expect.stringContaining('percent-encoding')})
  }
})

test('a request target that is no URL is a 400', async () => {
  const {hostname, port} = new URL(lake.url)
  const socket = net.connect(Number(port), hostname)
  socket.write(`GET http://[bad/ping HTTP/1.1\r\nHost: ${hostname}\r\nConnection: close\r\n\r\n`)
  const answer = await new Promise<string>((resolve) => {
    let text = ''
    socket.on('data', (data) => (text += data.toString('utf8')))
    socket.on('close', () => resolve(text))
  })
  expect(answer).toMatch(/^HTTP\/1\.1 400 /)
})

test('JSON bodies that are not objects are a 400 on query, mutate and actions', async () => {
  for (const endpoint of ['query', 'mutate', 'actions']) {
    for (const body of ['null', '[]', '1', '"text"']) {
      const response = await fetch(`${lake.url}/v2021-06-07/data/${endpoint}/production`, {
        method: 'POST',
        headers: {...auth, 'content-type': 'application/json'},
        body,
      })
      expect({endpoint, body, status: response.status}).toEqual({endpoint, body, status: 400})
      expect(await response.json()).toEqual({statusCode: 400, error: 'Bad Request', message: 'Request body must be a JSON object'})
    }
  }
})

test('a body that is not JSON is a 400', async () => {
  const response = await fetch(`${lake.url}/v2021-06-07/data/mutate/production`, {method: 'POST', headers: auth, body: '{"mutations": ['})
  expect(response.status).toBe(400)
  expect(await response.json()).toMatchObject({message: 'Request body is not valid JSON'})
})
