import type {AddressInfo} from 'node:net'
import express from 'express'
import pino from 'pino'
import {expect, test} from 'vitest'
import {answerErrors} from './error-answers'
import {requestLog} from './request-log'

test('an unexpected failure is one JSON error line with the request id, its masked path and the error id the reader sees', async () => {
  const lines: Record<string, unknown>[] = []
  const logger = pino({base: null}, {write: (line: string) => lines.push(JSON.parse(line))})
  const app = express()
  app.use(requestLog(logger, (_id, run) => run()))
  app.get('/moderate/:token', () => {
    throw new Error('the moderation store broke')
  })
  app.use(answerErrors(logger))
  const server = app.listen(0)
  try {
    const {port} = server.address() as AddressInfo
    const response = await fetch(`http://127.0.0.1:${port}/moderate/secret-token-123?x=1`, {headers: {'X-Request-Id': 'failing-request-1'}})
    expect(response.status).toBe(500)
    const errorId = /error ([0-9a-f]{8})/.exec(await response.text())?.[1]
    const failure = lines.find((line) => line.level === 50)
    expect(failure).toMatchObject({requestId: 'failing-request-1', errorId, method: 'GET', path: '/moderate/…'})
    expect((failure!.err as {message: string}).message).toBe('the moderation store broke')
    expect(JSON.stringify(lines)).not.toContain('secret-token-123')
  } finally {
    server.close()
  }
})
