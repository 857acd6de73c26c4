import {expect, test} from 'vitest'
import {ConfigError, configFromEnv} from './config'

test('the project id defaults to "local" and is read from CONTENT_LAKE_PROJECT_ID', () => {
  expect(configFromEnv({}).projectId).toBe('local')
  expect(configFromEnv({CONTENT_LAKE_PROJECT_ID: 'abc-123'}).projectId).toBe('abc-123')
  expect(() => configFromEnv({CONTENT_LAKE_PROJECT_ID: 'Not/valid'})).toThrow(ConfigError)
})

test('CONTENT_LAKE_PUBLIC_URL sets the public URL, without a trailing slash', () => {
  expect(configFromEnv({}).publicUrl).toBeUndefined()
  expect(configFromEnv({CONTENT_LAKE_PUBLIC_URL: 'https://lake.example.com/'}).publicUrl).toBe('https://lake.example.com')
  expect(configFromEnv({CONTENT_LAKE_PUBLIC_URL: 'http://localhost:3334/lake/'}).publicUrl).toBe('http://localhost:3334/lake')
  for (const bad of ['lake.example.com', 'ftp://lake.example.com', 'https://lake.example.com/?a=1']) {
    expect(() => configFromEnv({CONTENT_LAKE_PUBLIC_URL: bad})).toThrow(ConfigError)
  }
})

test('the HTTPS certificate also covers <projectId>.localhost, where Studio calls by default', () => {
  expect(configFromEnv({}).https?.hostnames).toContain('local.localhost')
  expect(configFromEnv({CONTENT_LAKE_PROJECT_ID: 'blog'}).https?.hostnames).toEqual(['localhost', '127.0.0.1', '::1', 'blog.localhost'])
})

test('the listen and image limits have safe defaults, and a bad value fails the start', () => {
  expect(configFromEnv({}).listenLimits).toEqual({perClient: 64, total: 1024})
  expect(configFromEnv({}).images).toEqual({
    concurrency: 2,
    queue: 16,
    timeoutSeconds: 10,
    maxInputPixels: 50_000_000,
    cacheBytes: 512 * 1024 * 1024,
  })
  expect(configFromEnv({CONTENT_LAKE_IMAGE_CACHE_MB: '8'}).images.cacheBytes).toBe(8 * 1024 * 1024)
  for (const bad of ['0', '-1', '1.5', 'many', '1e3']) {
    expect(() => configFromEnv({CONTENT_LAKE_IMAGE_RENDERS: bad})).toThrow(/CONTENT_LAKE_IMAGE_RENDERS must be a whole number/)
    expect(() => configFromEnv({CONTENT_LAKE_LISTEN_MAX_PER_CLIENT: bad})).toThrow(ConfigError)
  }
})

test('the query limits have safe defaults, and a bad value fails the start', () => {
  expect(configFromEnv({}).queries).toEqual({maxQueryBytes: 32 * 1024, timeoutMs: 5_000, workers: 2, maxWaiting: 64})
  expect(configFromEnv({CONTENT_LAKE_QUERY_TIMEOUT_MS: '250'}).queries.timeoutMs).toBe(250)
  for (const name of ['CONTENT_LAKE_QUERY_MAX_BYTES', 'CONTENT_LAKE_QUERY_TIMEOUT_MS', 'CONTENT_LAKE_QUERY_WORKERS', 'CONTENT_LAKE_QUERY_QUEUE']) {
    for (const bad of ['0', '-1', '1.5', 'many']) {
      expect(() => configFromEnv({[name]: bad})).toThrow(new RegExp(`${name} must be a whole number`))
    }
  }
})

test('deleted documents keep their history 30 days unless CONTENT_LAKE_DELETED_HISTORY_DAYS says otherwise', () => {
  expect(configFromEnv({}).deletedHistoryDays).toBe(30)
  expect(configFromEnv({CONTENT_LAKE_DELETED_HISTORY_DAYS: '1'}).deletedHistoryDays).toBe(1)
  for (const bad of ['0', '-1', '1.5', 'a month']) {
    expect(() => configFromEnv({CONTENT_LAKE_DELETED_HISTORY_DAYS: bad})).toThrow(/CONTENT_LAKE_DELETED_HISTORY_DAYS must be a whole number/)
  }
})

test('CONTENT_LAKE_TRUST_PROXY trusts no proxy by default and names the bad entry', () => {
  expect(configFromEnv({}).trustProxy).toBeUndefined()
  expect(configFromEnv({CONTENT_LAKE_TRUST_PROXY: 'loopback, 10.0.0.0/8, fd00::1'}).trustProxy?.check('10.1.2.3')).toBe(true)
  for (const bad of ['caddy', '10.0.0.0/33', '10.0.0.0/x', '::1/129']) {
    expect(() => configFromEnv({CONTENT_LAKE_TRUST_PROXY: bad})).toThrow(`CONTENT_LAKE_TRUST_PROXY must list "loopback", addresses or subnets`)
  }
})
