import http from 'node:http'
import type {AddressInfo} from 'node:net'
import express from 'express'
import {afterAll, beforeAll, expect, test} from 'vitest'
import {MAX_COMMENT_REQUEST_BYTES} from '../app/comments/comment-config.server'
import {bodyRules, SMALL_FORM_BYTES, WEBHOOK_BYTES} from './body-limits'
import {limitRequestBodies, readBodyOf} from './request-body'

const COMMENT_PATH = '/2013/07/25/hold-on/'
const bodyRuleFor = bodyRules(MAX_COMMENT_REQUEST_BYTES)

let server: http.Server
let port: number
beforeAll(async () => {
  const app = express()
  app.use(limitRequestBodies(bodyRuleFor))
  // What the site handler gets: the body as read at the door.
  app.use((req, res) => {
    const body = readBodyOf(req)
    res.json(body === undefined ? {kind: 'none'} : body.kind === 'read' ? {kind: 'read', bytes: body.bytes.byteLength} : body)
  })
  server = app.listen(0, '127.0.0.1')
  await new Promise((resolve) => server.once('listening', resolve))
  port = (server.address() as AddressInfo).port
})
afterAll(() => {
  server.closeAllConnections()
  server.close()
})

interface Exchange {
  status: number
  text: string
  connection: string | undefined
  /** Bytes written before the answer came, and whether the request had been finished by then. */
  sentBeforeAnswer: number
  requestFinished: boolean
  socketClosed: Promise<void>
}

/**
 * Sends `total` bytes in 16 KB chunks, a chunk at a time, and stops sending as soon as an answer
 * arrives: an answer before the last chunk shows the server did not wait for all of it.
 */
function send(
  method: string,
  path: string,
  total: number,
  {chunked = true, headers = {}}: {chunked?: boolean; headers?: Record<string, string>} = {},
): Promise<Exchange> {
  return new Promise((resolve, reject) => {
    const request = http.request({port, host: '127.0.0.1', method, path, headers: {...(chunked ? {} : {'content-length': String(total)}), ...headers}})
    let sent = 0
    let answered = false
    const socketClosed = new Promise<void>((closed) => request.once('socket', (socket) => socket.once('close', () => closed())))
    request.once('response', (response) => {
      answered = true
      const sentBeforeAnswer = sent
      const requestFinished = sent >= total
      let text = ''
      response.setEncoding('utf8').on('data', (chunk: string) => (text += chunk))
      response.once('end', () =>
        resolve({status: response.statusCode!, text, connection: response.headers.connection, sentBeforeAnswer, requestFinished, socketClosed}),
      )
    })
    // The server may close the connection while this side still writes.
    request.on('error', (error) => (answered ? undefined : reject(error)))
    const writeNext = () => {
      if (answered || request.destroyed) return
      if (sent >= total) return void request.end()
      const size = Math.min(16 * 1024, total - sent)
      sent += size
      request.write(Buffer.alloc(size, 'a'), () => setTimeout(writeNext, 5))
    }
    if (total === 0) request.end()
    else writeNext()
  })
}

test('each address has its limit; the comment form’s is the comment setting itself', () => {
  expect(bodyRuleFor('POST', COMMENT_PATH).maxBytes).toBe(MAX_COMMENT_REQUEST_BYTES)
  expect(bodyRuleFor('POST', '/2013/07/25/hold-on.data').maxBytes).toBe(MAX_COMMENT_REQUEST_BYTES)
  expect(bodyRuleFor('POST', '/auth/github').maxBytes).toBe(MAX_COMMENT_REQUEST_BYTES)
  expect(bodyRuleFor('POST', '/auth/logout').maxBytes).toBe(MAX_COMMENT_REQUEST_BYTES)
  expect(bodyRuleFor('POST', '/comment/0b1c-2d3e/edit/').maxBytes).toBe(MAX_COMMENT_REQUEST_BYTES)
  expect(bodyRuleFor('POST', '/comment/0b1c-2d3e/delete/').maxBytes).toBe(SMALL_FORM_BYTES)
  expect(bodyRuleFor('POST', '/hooks/comment-status').maxBytes).toBe(WEBHOOK_BYTES)
  expect(bodyRuleFor('POST', '/moderate/some-token/').maxBytes).toBe(SMALL_FORM_BYTES)
  expect(bodyRuleFor('POST', '/privacy/comments/').maxBytes).toBe(SMALL_FORM_BYTES)
  expect(bodyRuleFor('GET', COMMENT_PATH).maxBytes).toBe(0)
  expect(bodyRuleFor('HEAD', '/hooks/comment-status').maxBytes).toBe(0)
})

test('a body within the limit is read whole and handed on, chunked or not', async () => {
  const chunked = await send('POST', '/hooks/comment-status', 100_000)
  expect(chunked.status).toBe(200)
  expect(JSON.parse(chunked.text)).toEqual({kind: 'read', bytes: 100_000})
  const stated = await send('POST', COMMENT_PATH, MAX_COMMENT_REQUEST_BYTES, {chunked: false})
  expect(JSON.parse(stated.text)).toEqual({kind: 'read', bytes: MAX_COMMENT_REQUEST_BYTES})
  expect(JSON.parse((await send('GET', '/', 0)).text)).toEqual({kind: 'none'})
})

test('a chunked body is refused with 413 as soon as it passes the limit, and the connection is closed', async () => {
  const exchange = await send('POST', '/hooks/comment-status', 40 * 1024 * 1024)
  expect(exchange.status).toBe(413)
  expect(exchange.text).toMatch(/too large.*256 KB/)
  expect(exchange.connection).toBe('close')
  expect(exchange.requestFinished).toBe(false)
  expect(exchange.sentBeforeAnswer).toBeLessThan(WEBHOOK_BYTES + 256 * 1024)
  await exchange.socketClosed

  const comment = await send('POST', COMMENT_PATH, 40 * 1024 * 1024)
  expect(comment.status).toBe(413)
  expect(comment.requestFinished).toBe(false)
})

test('a body stated to be over the limit is refused before any of it is read', async () => {
  const exchange = await send('POST', '/privacy/comments/', 40 * 1024 * 1024, {chunked: false})
  expect(exchange.status).toBe(413)
  expect(exchange.text).toMatch(/at most 8 KB/)
  expect(exchange.sentBeforeAnswer).toBeLessThan(1024 * 1024)
  await exchange.socketClosed
})

test('GET and HEAD take no body', async () => {
  const exchange = await send('GET', '/', 10, {chunked: false})
  expect(exchange.status).toBe(413)
  expect(exchange.text).toMatch(/takes no body/)
})

test('the comment form, stated too large, is passed on unread for its route to answer, then the connection closes', async () => {
  const exchange = await send('POST', COMMENT_PATH, 40 * 1024 * 1024, {chunked: false})
  expect(JSON.parse(exchange.text)).toEqual({kind: 'oversized'})
  expect(exchange.connection).toBe('close')
  expect(exchange.requestFinished).toBe(false)
  await exchange.socketClosed
})
