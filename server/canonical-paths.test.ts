import type {AddressInfo} from 'node:net'
import express from 'express'
import {afterAll, beforeAll, expect, test} from 'vitest'
import {canonicalTrailingSlash} from './canonical-paths'

let base: string
let close: () => void

beforeAll(async () => {
  const app = express()
  app.use(canonicalTrailingSlash)
  app.all('*', (req, res) => {
    res.send(`reached ${req.method} ${req.originalUrl}`)
  })
  const server = app.listen(0, '127.0.0.1')
  await new Promise((resolve) => server.once('listening', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  close = () => server.close()
})

afterAll(() => close())

const get = (path: string, method = 'GET') => fetch(`${base}${path}`, {method, redirect: 'manual'})

test('an address without its trailing slash moves permanently, keeping the query string', async () => {
  const response = await get('/2013/07/25/slug?utm=x')
  expect(response.status).toBe(301)
  expect(response.headers.get('location')).toBe('/2013/07/25/slug/?utm=x')
})

test('addresses with the slash, files and Remix’s own requests pass through', async () => {
  for (const path of ['/', '/2013/07/25/slug/', '/favicon.ico', '/2013/07/25/slug.data', '/__manifest?p=%2F']) {
    const response = await get(path)
    expect(response.status, path).toBe(200)
  }
})

test('only reads are redirected: a form post is not turned into a GET', async () => {
  expect((await get('/2013/07/25/slug', 'POST')).status).toBe(200)
})

test('a path starting with several slashes cannot redirect off the site', async () => {
  const response = await get('//evil')
  expect(response.headers.get('location')).toBe('/evil/')
})
