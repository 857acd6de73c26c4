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
