import express from 'express'
import {afterAll, expect, test} from 'vitest'
import {trustProxySetting} from './trust-proxy'

test('TRUST_PROXY: off by default, a hop count, or a list', () => {
  expect(trustProxySetting(undefined)).toBe(false)
  expect(trustProxySetting('false')).toBe(false)
  expect(trustProxySetting('1')).toBe(1)
  expect(trustProxySetting('loopback, 10.0.0.0/8')).toEqual(['loopback', '10.0.0.0/8'])
})

const servers: import('node:http').Server[] = []
afterAll(() => {
  for (const server of servers) server.close()
})

async function addressSeen(trust: string | undefined, forwardedFor?: string): Promise<string> {
  const app = express()
  app.set('trust proxy', trustProxySetting(trust))
  app.get('/', (req, res) => res.send(req.ip))
  const server = app.listen(0, '127.0.0.1')
  servers.push(server)
  await new Promise((resolve) => server.once('listening', resolve))
  const {port} = server.address() as {port: number}
  const response = await fetch(`http://127.0.0.1:${port}/`, {headers: forwardedFor ? {'X-Forwarded-For': forwardedFor} : {}})
  return response.text()
}

test('a reader cannot choose their own address with X-Forwarded-For unless a proxy is trusted', async () => {
  expect(await addressSeen(undefined, '203.0.113.9')).toBe('127.0.0.1')
  expect(await addressSeen('loopback', '203.0.113.9')).toBe('203.0.113.9')
  expect(await addressSeen('loopback', '198.51.100.1, 203.0.113.9')).toBe('203.0.113.9')
})
