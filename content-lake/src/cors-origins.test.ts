import {expect, test} from 'vitest'
import {ConfigError, configFromEnv} from './config'
import {isOriginAllowed} from './cors-origins'

const allowed = (setting: string | undefined, origin: string) =>
  isOriginAllowed(configFromEnv(setting === undefined ? {} : {CONTENT_LAKE_CORS_ORIGINS: setting}).corsOrigins, origin)

test('by default Studio (HTTPS and HTTP on 3333) and the site (3000) are allowed, nothing else', () => {
  expect(allowed(undefined, 'https://localhost:3333')).toBe(true)
  expect(allowed(undefined, 'http://localhost:3333')).toBe(true)
  expect(allowed(undefined, 'http://localhost:3000')).toBe(true)
  expect(allowed(undefined, 'https://localhost:3000')).toBe(false)
  expect(allowed(undefined, 'http://localhost:4000')).toBe(false)
  expect(allowed(undefined, 'https://evil.example')).toBe(false)
  expect(allowed('', 'https://localhost:3333')).toBe(true)
})

test('a port wildcard matches any explicit port of that scheme and host only', () => {
  const setting = 'http://localhost:*'
  expect(allowed(setting, 'http://localhost:5173')).toBe(true)
  expect(allowed(setting, 'http://localhost:1')).toBe(true)
  expect(allowed(setting, 'https://localhost:5173')).toBe(false)
  expect(allowed(setting, 'http://localhost.evil.example:5173')).toBe(false)
  expect(allowed(setting, 'http://127.0.0.1:5173')).toBe(false)
})

test('a host wildcard matches subdomains, not the bare domain nor look-alikes', () => {
  const setting = 'https://*.example.org'
  expect(allowed(setting, 'https://studio.example.org')).toBe(true)
  expect(allowed(setting, 'https://a.b.example.org')).toBe(true)
  expect(allowed(setting, 'https://example.org')).toBe(false)
  expect(allowed(setting, 'https://studio.example.org.evil.example')).toBe(false)
  expect(allowed(setting, 'https://evilexample.org')).toBe(false)
  expect(allowed(setting, 'https://studio.example.org:8443')).toBe(false)
})

test('origins are compared without case, a default port is the same as none, and a trailing slash is tolerated', () => {
  const setting = ' HTTPS://Studio.Example.org:443/ , http://[::1]:3333'
  expect(allowed(setting, 'https://studio.example.org')).toBe(true)
  expect(allowed(setting, 'https://STUDIO.example.org')).toBe(true)
  expect(allowed(setting, 'http://[::1]:3333')).toBe(true)
})

test('anything but protocol://host[:port] is a ConfigError naming the variable', () => {
  for (const bad of ['localhost:3333', 'ftp://example.org', 'https://example.org/studio', 'https://example.org:port', '*']) {
    expect(() => configFromEnv({CONTENT_LAKE_CORS_ORIGINS: bad})).toThrow(ConfigError)
    expect(() => configFromEnv({CONTENT_LAKE_CORS_ORIGINS: bad})).toThrow(/CONTENT_LAKE_CORS_ORIGINS/)
  }
})
