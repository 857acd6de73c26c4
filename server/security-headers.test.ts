import type {AddressInfo} from 'node:net'
import express from 'express'
import {afterAll, expect, test} from 'vitest'
import {contentSecurityPolicy, newScriptNonce} from '../app/security/content-security-policy.server'
import {securityHeaders} from './security-headers'

const servers: import('node:http').Server[] = []
afterAll(() => {
  for (const server of servers) server.close()
})

async function headersFor(siteUrl: string): Promise<Headers> {
  const app = express()
  const configuredPolicySources = () => ({siteUrl, imageOrigins: [], signInOrigins: []})
  app.use(securityHeaders({configuredPolicySources, contentSecurityPolicy, newScriptNonce}))
  app.use((_req, res) => res.send(res.locals.scriptNonce))
  const server = app.listen(0, '127.0.0.1')
  servers.push(server)
  await new Promise((resolve) => server.once('listening', resolve))
  const response = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`)
  const nonce = await response.text()
  // The nonce handed to the page render is the one the policy names.
  expect(response.headers.get('content-security-policy')).toContain(`'nonce-${nonce}'`)
  return response.headers
}

test('every answer: its policy, no framing, no sniffing, a referrer policy that keeps same-origin posts working, no powerful features', async () => {
  const headers = await headersFor('http://localhost:3000')
  expect(headers.get('x-frame-options')).toBe('DENY')
  expect(headers.get('x-content-type-options')).toBe('nosniff')
  expect(headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin')
  expect(headers.get('permissions-policy')).toMatch(/(^|, )camera=\(\)/)
  for (const feature of ['microphone', 'geolocation', 'payment', 'usb']) expect(headers.get('permissions-policy')).toContain(`${feature}=()`)
  expect(headers.get('strict-transport-security')).toBeNull()
})

test('Strict-Transport-Security only for a site on https', async () => {
  expect((await headersFor('https://blog.example')).get('strict-transport-security')).toBe('max-age=31536000')
})
