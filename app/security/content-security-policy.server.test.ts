import {expect, test} from 'vitest'
import {contentSecurityPolicy, newScriptNonce, type PolicySources} from './content-security-policy.server'

const LOCAL: PolicySources = {
  siteUrl: 'http://localhost:3000',
  imageOrigins: ['http://127.0.0.1:3334', 'http://127.0.0.1:4100'],
  signInOrigins: ['http://127.0.0.1:4100', 'https://accounts.google.com'],
}

function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy.split('; ').map((directive) => {
      const [name, ...values] = directive.split(' ')
      return [name!, values]
    }),
  )
}

test('scripts only from the site, inline ones only with this response’s nonce; no framing, plugins or <base>', () => {
  const policy = directives(contentSecurityPolicy('abc123', LOCAL))
  expect(policy.get('script-src')).toEqual(["'self'", "'nonce-abc123'"])
  expect(policy.get('script-src-attr')).toEqual(["'none'"])
  expect(policy.get('default-src')).toEqual(["'self'"])
  expect(policy.get('style-src')).toEqual(["'self'"])
  expect(policy.get('frame-ancestors')).toEqual(["'none'"])
  expect(policy.get('object-src')).toEqual(["'none'"])
  expect(policy.get('base-uri')).toEqual(["'none'"])
  expect(policy.has('upgrade-insecure-requests')).toBe(false)
})

test('images from the lake and the providers’ hosts; the log-in buttons may be redirected to the providers', () => {
  const policy = directives(contentSecurityPolicy('n', LOCAL))
  expect(policy.get('img-src')).toEqual(["'self'", 'data:', 'https:', 'http://127.0.0.1:3334', 'http://127.0.0.1:4100'])
  expect(policy.get('form-action')).toEqual(["'self'", 'http://127.0.0.1:4100', 'https://accounts.google.com'])
})

test('a site on https has the browser upgrade any http address', () => {
  const policy = directives(contentSecurityPolicy('n', {...LOCAL, siteUrl: 'https://blog.example'}))
  expect(policy.get('upgrade-insecure-requests')).toEqual([])
})

test('every nonce is new and 128 bits', () => {
  const nonces = new Set(Array.from({length: 100}, newScriptNonce))
  expect(nonces.size).toBe(100)
  expect(Buffer.from([...nonces][0]!, 'base64').byteLength).toBe(16)
})
