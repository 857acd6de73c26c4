import type {AddressInfo} from 'node:net'
import express from 'express'
import {afterAll, beforeAll, expect, test} from 'vitest'
import {bodyRules} from './body-limits'
import {refuseUnreadableForms} from './form-bodies'
import {limitRequestBodies} from './request-body'

let server: import('node:http').Server
let base: string
beforeAll(async () => {
  const app = express()
  const ruleFor = bodyRules(64 * 1024)
  app.use(limitRequestBodies(ruleFor), refuseUnreadableForms(ruleFor))
  app.use((_req, res) => res.send('passed on'))
  server = app.listen(0, '127.0.0.1')
  await new Promise((resolve) => server.once('listening', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(() => server.close())

const post = (path: string, body: BodyInit | null, headers: Record<string, string> = {}) => fetch(`${base}${path}`, {method: 'POST', body, headers})

test('a form route refuses a body that is not a form with 415, and a form that can’t be parsed with 400', async () => {
  const json = await post('/2013/07/25/post/', '{"body":"hi"}', {'content-type': 'application/json'})
  expect(json.status).toBe(415)
  expect(await json.text()).toMatch(/takes a form/)
  expect((await post('/privacy/comments/', null)).status).toBe(415)
  const garbled = await post('/2013/07/25/post/', 'not multipart at all', {'content-type': 'multipart/form-data; boundary=x'})
  expect(garbled.status).toBe(400)
  expect(await garbled.text()).toBe('The form that was sent could not be read.\n')
})

test('forms pass, as do webhooks’ JSON and reads', async () => {
  expect((await post('/2013/07/25/post/', new URLSearchParams({body: 'hi'}))).status).toBe(200)
  const multipart = new FormData()
  multipart.set('body', 'hi')
  expect((await post('/auth/github', multipart)).status).toBe(200)
  expect((await post('/hooks/comment-status', '{"_id":"x"}', {'content-type': 'application/json'})).status).toBe(200)
  expect((await fetch(`${base}/search/?q=x`)).status).toBe(200)
})
