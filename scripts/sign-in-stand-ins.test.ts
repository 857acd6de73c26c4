import {expect, test} from 'vitest'
import {parseAuthConfig} from '~/auth/auth-config.server'
import {siteEnvForStandIns, standInClients} from './sign-in-stand-ins'

const site = 'http://localhost:3000'

test('npm start stands in for every provider without a client id, and the site accepts the result', () => {
  const clients = standInClients({GITHUB_CLIENT_ID: 'real-app'}, site)
  expect(clients.map((client) => client.provider)).toEqual(['wordpress', 'x', 'facebook', 'google'])
  expect(clients[0]!.redirectUris).toEqual(['http://localhost:3000/auth/wordpress/callback/'])
  const env = siteEnvForStandIns(clients, 'http://127.0.0.1:8790', 'http://127.0.0.1:8791')
  expect(env).toMatchObject({WPCOM_URL: 'http://127.0.0.1:8790/wordpress', X_API_URL: 'http://127.0.0.1:8790/x/api', GOOGLE_ISSUER: 'http://127.0.0.1:8791'})
  expect(env.GITHUB_CLIENT_ID).toBeUndefined()
  const providers = parseAuthConfig(env, {NODE_ENV: 'production', SITE_URL: site})
  expect(providers.map((provider) => provider.id)).toEqual(['wordpress', 'x', 'facebook', 'google'])
  expect(providers.find((provider) => provider.id === 'x')).toMatchObject({
    authorizationEndpoint: 'http://127.0.0.1:8790/x/i/oauth2/authorize',
    tokenEndpoint: 'http://127.0.0.1:8790/x/api/2/oauth2/token',
  })
})

test('every secret is made for this run', () => {
  const [first] = standInClients({}, site)
  const [again] = standInClients({}, site)
  expect(first!.clientSecret).not.toBe(again!.clientSecret)
  expect(first!.clientSecret.length).toBeGreaterThanOrEqual(32)
})
