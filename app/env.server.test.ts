import {expect, test} from 'vitest'
import {EnvError, parseEnv, sanityConnection} from './env.server'

test('with no Sanity project the site reads the local lake on loopback', () => {
  expect(sanityConnection(parseEnv({}))).toEqual({
    mode: 'local',
    projectId: 'local',
    dataset: 'production',
    apiVersion: '2025-02-19',
    apiHost: 'http://127.0.0.1:3334',
    useProjectHostname: false,
    useCdn: false,
  })
})

test('SANITY_PROJECT_ID switches to Sanity’s hosted API, with nothing else to change', () => {
  const connection = sanityConnection(parseEnv({SANITY_PROJECT_ID: 'abc123', SANITY_DATASET: 'staging'}))
  expect(connection).toEqual({
    mode: 'hosted',
    projectId: 'abc123',
    dataset: 'staging',
    apiVersion: '2025-02-19',
    useProjectHostname: true,
    useCdn: true,
  })
})

test('every bad value is reported at once, by name', () => {
  const error = (() => {
    try {
      parseEnv({SANITY_DATASET: 'Bad Name', CONTENT_LAKE_URL: 'ftp://x', SANITY_API_VERSION: 'yesterday'})
    } catch (e) {
      return e
    }
  })()
  expect(error).toBeInstanceOf(EnvError)
  const message = (error as Error).message
  expect(message).toContain('SANITY_DATASET')
  expect(message).toContain('CONTENT_LAKE_URL')
  expect(message).toContain('SANITY_API_VERSION')
})

test('a public deployment is a production build on a non-loopback address', async () => {
  const {isPublicDeployment} = await import('./env.server')
  expect(isPublicDeployment({NODE_ENV: 'production', SITE_URL: 'https://blog.example'})).toBe(true)
  expect(isPublicDeployment({NODE_ENV: 'production', SITE_URL: 'http://localhost:3000'})).toBe(false)
  expect(isPublicDeployment({NODE_ENV: 'development', SITE_URL: 'https://blog.example'})).toBe(false)
})

test('a public deployment refuses to run without its own session secret', async () => {
  const {sessionSecrets} = await import('./env.server')
  expect(() => sessionSecrets({NODE_ENV: 'production', SITE_URL: 'https://blog.example'})).toThrow(/SESSION_SECRET must be set/)
  expect(sessionSecrets({NODE_ENV: 'production', SITE_URL: 'https://blog.example', SESSION_SECRET: `${'a'.repeat(32)}, ${'b'.repeat(32)}`})).toEqual([
    'a'.repeat(32),
    'b'.repeat(32),
  ])
  expect(sessionSecrets({NODE_ENV: 'production', SITE_URL: 'http://localhost:3000'})).toHaveLength(1)
})

test('each comma-separated SESSION_SECRET must be long enough on its own, named by position, never shown', () => {
  const long = 'a'.repeat(40)
  const short = 'short-old-secret'
  const error = (() => {
    try {
      parseEnv({SESSION_SECRET: `${long},${short}`})
    } catch (e) {
      return e
    }
  })()
  expect(error).toBeInstanceOf(EnvError)
  expect((error as Error).message).toContain('SESSION_SECRET: secret 2 of 2 (comma-separated) must be at least 32 characters long')
  expect((error as Error).message).not.toContain(short)
  expect((error as Error).message).not.toContain(long)
  expect(() => parseEnv({SESSION_SECRET: short})).toThrow(/SESSION_SECRET: must be at least 32 characters long/)
  expect(parseEnv({SESSION_SECRET: `${long}, ${'b'.repeat(32)}`}).SESSION_SECRET).toBe(`${long}, ${'b'.repeat(32)}`)
})

test('SITE_STATE_FILE needs a SESSION_SECRET, which every process sharing the file then derives the same keys from', () => {
  expect(() => parseEnv({SITE_STATE_FILE: '/var/lib/site/state.sqlite'})).toThrow(/SITE_STATE_FILE: SESSION_SECRET must be set when SITE_STATE_FILE is/)
  expect(parseEnv({SITE_STATE_FILE: '/var/lib/site/state.sqlite', SESSION_SECRET: 'x'.repeat(32)}).SITE_STATE_FILE).toBe('/var/lib/site/state.sqlite')
  expect(parseEnv({}).SITE_STATE_FILE).toBeUndefined()
})

test('COMMENT_EDIT_MINUTES: 15 unless set, 0 turns editing off, anything but whole minutes up to a day is refused at start', () => {
  expect(parseEnv({}).COMMENT_EDIT_MINUTES).toBe(15)
  expect(parseEnv({COMMENT_EDIT_MINUTES: '0'}).COMMENT_EDIT_MINUTES).toBe(0)
  expect(parseEnv({COMMENT_EDIT_MINUTES: '60'}).COMMENT_EDIT_MINUTES).toBe(60)
  for (const bad of ['-1', '2.5', 'soon', '1441']) expect(() => parseEnv({COMMENT_EDIT_MINUTES: bad})).toThrow(/COMMENT_EDIT_MINUTES/)
})
