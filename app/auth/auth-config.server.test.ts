import {spawnSync} from 'node:child_process'
import path from 'node:path'
import {expect, test} from 'vitest'
import {buildSiteIfStale} from '../../scripts/build-site'
import {parseAuthConfig} from './auth-config.server'

const local = {NODE_ENV: 'production' as const, SITE_URL: 'http://localhost:3000'}
const publicSite = {NODE_ENV: 'production' as const, SITE_URL: 'https://blog.example'}

test('a provider is on only with both its client id and secret; real hosts by default', () => {
  expect(parseAuthConfig({}, local)).toEqual([])
  const [google] = parseAuthConfig({GOOGLE_CLIENT_ID: 'id', GOOGLE_CLIENT_SECRET: 'secret'}, publicSite)
  expect(google).toMatchObject({id: 'google', kind: 'openid', issuer: 'https://accounts.google.com', clientAuth: 'client_secret_post'})
  expect(() => parseAuthConfig({X_CLIENT_ID: 'id'}, local)).toThrow(/X_CLIENT_SECRET: must be set together with X_CLIENT_ID/)
})

test('each provider uses the client authentication and endpoints it documents', () => {
  const providers = parseAuthConfig(
    {
      WPCOM_CLIENT_ID: 'w',
      WPCOM_CLIENT_SECRET: 's',
      X_CLIENT_ID: 'x',
      X_CLIENT_SECRET: 's',
      FACEBOOK_APP_ID: 'f',
      FACEBOOK_APP_SECRET: 's',
      GITHUB_CLIENT_ID: 'g',
      GITHUB_CLIENT_SECRET: 's',
    },
    publicSite,
  )
  expect(providers.map((p) => [p.id, p.clientAuth])).toEqual([
    ['wordpress', 'client_secret_post'],
    ['x', 'client_secret_basic'],
    ['facebook', 'client_secret_post'],
    ['github', 'client_secret_post'],
  ])
  expect(providers.find((p) => p.id === 'x')).toMatchObject({
    authorizationEndpoint: 'https://x.com/i/oauth2/authorize',
    tokenEndpoint: 'https://api.x.com/2/oauth2/token',
  })
  expect(providers.find((p) => p.id === 'facebook')).toMatchObject({
    tokenEndpoint: 'https://graph.facebook.com/v23.0/oauth/access_token',
  })
})

test('a public site refuses a provider pointed at a stand-in on this machine', () => {
  const standIn = {GOOGLE_CLIENT_ID: 'id', GOOGLE_CLIENT_SECRET: 'secret', GOOGLE_ISSUER: 'http://127.0.0.1:8791'}
  expect(() => parseAuthConfig(standIn, publicSite)).toThrow(/stand-ins on this machine are configured for google/)
  const github = {GITHUB_CLIENT_ID: 'id', GITHUB_CLIENT_SECRET: 'secret', GITHUB_API_URL: 'http://localhost:8790/github/api'}
  expect(() => parseAuthConfig(github, publicSite)).toThrow(/github/)
  // On this machine (npm start), stand-ins are what it runs.
  expect(parseAuthConfig(standIn, local)).toHaveLength(1)
})

test('the site itself refuses to start on a public address with a stand-in configured', () => {
  const root = path.resolve(import.meta.dirname, '..', '..')
  // The server takes the app from its build, so the check runs in the built code.
  buildSiteIfStale(() => {})
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'server/index.ts'], {
    cwd: root,
    encoding: 'utf8',
    timeout: 30_000,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      PORT: '0',
      NODE_ENV: 'production',
      SITE_URL: 'https://blog.example',
      SESSION_SECRET: 'a-public-site-secret-0123456789-abcdef',
      SANITY_API_WRITE_TOKEN: 'a-write-token',
      COMMENT_WEBHOOK_SECRET: 'a-webhook-secret-0123',
      GOOGLE_CLIENT_ID: 'id',
      GOOGLE_CLIENT_SECRET: 'secret',
      GOOGLE_ISSUER: 'http://127.0.0.1:9',
    },
  })
  expect(result.status).toBe(1)
  expect(result.stderr).toContain('Log-in stand-ins on this machine are configured for google')
}, 180_000)
