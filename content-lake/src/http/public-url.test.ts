import type {IncomingMessage} from 'node:http'
import {expect, test} from 'vitest'
import {publicBaseUrl} from './public-url'

function request(headers: Record<string, string>, socket: Record<string, unknown> = {}): IncomingMessage {
  return {headers, socket: {localAddress: '127.0.0.1', localPort: 3334, ...socket}} as unknown as IncomingMessage
}

test('prefers the configured public URL', () => {
  expect(publicBaseUrl(request({host: 'localhost:3334'}), {publicUrl: 'https://lake.example.com'})).toBe('https://lake.example.com')
})

test('otherwise uses the Host header, or HTTP/2’s :authority, with the connection’s scheme', () => {
  expect(publicBaseUrl(request({host: 'localhost:3334'}), {})).toBe('http://localhost:3334')
  expect(publicBaseUrl(request({host: '[::1]:3334'}), {})).toBe('http://[::1]:3334')
  expect(publicBaseUrl(request({':authority': 'localhost:3333'}, {encrypted: true}), {})).toBe('https://localhost:3333')
})

test('never stores a Host header that is not a host, falling back to the local address', () => {
  expect(publicBaseUrl(request({host: 'evil.example/"><script>'}), {})).toBe('http://127.0.0.1:3334')
  expect(publicBaseUrl(request({}, {localAddress: '::1', localPort: 4000}), {})).toBe('http://[::1]:4000')
})
