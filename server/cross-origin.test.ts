import type {AddressInfo} from 'node:net'
import express from 'express'
import {afterAll, beforeAll, expect, test} from 'vitest'
import {refuseCrossOriginActions} from './cross-origin'

let server: import('node:http').Server
let base: string
beforeAll(async () => {
  const app = express()
  app.use(refuseCrossOriginActions)
  app.use((_req, res) => res.send('passed on'))
  server = app.listen(0, '127.0.0.1')
  await new Promise((resolve) => server.once('listening', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(() => server.close())

const post = (headers: Record<string, string>) => fetch(`${base}/2013/07/25/post/`, {method: 'POST', headers, body: 'body=hi'})

test('a form posted from another site (or from nowhere, Origin: null) gets 403, not the 500 Remix would answer', async () => {
  for (const origin of ['https://evil.example', 'null', 'not a url']) {
    const response = await post({origin})
    expect(response.status, origin).toBe(403)
    expect(await response.text()).toBe('This form was sent from another site, so it was not accepted.\n')
  }
  // Remix compares with X-Forwarded-Host when a proxy sets it.
  expect((await post({origin: base, 'x-forwarded-host': 'blog.example'})).status).toBe(403)
})

test('the site’s own forms, clients that send no Origin, and reads pass', async () => {
  expect((await post({origin: base})).status).toBe(200)
  expect((await post({origin: 'https://blog.example', 'x-forwarded-host': 'blog.example'})).status).toBe(200)
  expect((await post({})).status).toBe(200)
  expect((await fetch(`${base}/`, {headers: {origin: 'https://evil.example'}})).status).toBe(200)
})
