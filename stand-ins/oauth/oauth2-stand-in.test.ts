import {createHash} from 'node:crypto'
import {afterAll, beforeAll, describe, expect, test} from 'vitest'
import {type RunningStandIn, startOAuth2StandIn} from './oauth2-stand-in'
import {signInAtProvider} from './sign-in-client'

const SITE = 'http://localhost:3999'
const redirect = (provider: string) => `${SITE}/auth/${provider}/callback/`
const PROVIDERS = ['wordpress', 'x', 'facebook', 'github'] as const
let standIn: RunningStandIn

beforeAll(async () => {
  standIn = await startOAuth2StandIn({
    clients: PROVIDERS.map((provider) => ({provider, clientId: `${provider}-app`, clientSecret: `${provider}-secret`, redirectUris: [redirect(provider)]})),
  })
})
afterAll(() => standIn.close())

const PATHS = {
  wordpress: {authorize: '/wordpress/oauth2/authorize', token: '/wordpress/oauth2/token'},
  x: {authorize: '/x/i/oauth2/authorize', token: '/x/api/2/oauth2/token'},
  facebook: {authorize: '/facebook/v23.0/dialog/oauth', token: '/facebook/graph/v23.0/oauth/access_token'},
  github: {authorize: '/github/login/oauth/authorize', token: '/github/login/oauth/access_token'},
}

const verifier = 'a-verifier-of-enough-length-0123456789-abcdefghijk'
const challenge = createHash('sha256').update(verifier).digest('base64url')

function authorizeUrl(provider: keyof typeof PATHS, extra: Record<string, string> = {}): string {
  const url = new URL(`${standIn.url}${PATHS[provider].authorize}`)
  url.search = new URLSearchParams({
    client_id: `${provider}-app`,
    redirect_uri: redirect(provider),
    response_type: 'code',
    state: 'the-state',
    code_challenge: challenge,
    code_challenge_method: 'S256',
    ...extra,
  }).toString()
  return url.href
}

/** Exchanges a code the way each provider documents the client authenticating. */
function exchange(provider: keyof typeof PATHS, code: string, {codeVerifier = verifier, auth = provider === 'x' ? 'basic' : 'post'} = {}) {
  const body = new URLSearchParams({grant_type: 'authorization_code', code, redirect_uri: redirect(provider), code_verifier: codeVerifier})
  const headers: Record<string, string> = {'content-type': 'application/x-www-form-urlencoded', accept: 'application/json'}
  if (auth === 'basic') headers.authorization = `Basic ${Buffer.from(`${provider}-app:${provider}-secret`).toString('base64')}`
  else {
    body.set('client_id', `${provider}-app`)
    body.set('client_secret', `${provider}-secret`)
  }
  return fetch(`${standIn.url}${PATHS[provider].token}`, {method: 'POST', headers, body})
}

async function codeFor(provider: keyof typeof PATHS): Promise<string> {
  const back = await signInAtProvider(authorizeUrl(provider))
  expect(back.searchParams.get('state')).toBe('the-state')
  return back.searchParams.get('code')!
}

describe.each(PROVIDERS)('%s', (provider) => {
  test('a code is single-use, and replaying it revokes the token it gave', async () => {
    const code = await codeFor(provider)
    const first = await exchange(provider, code)
    expect(first.status).toBe(200)
    const {access_token: accessToken} = (await first.json()) as {access_token: string}
    const replay = await exchange(provider, code)
    const replayBody = JSON.stringify(await replay.json())
    expect(replayBody).toMatch(/invalid_grant|bad_verification_code|already been used/)
    const profilePath = {wordpress: '/wordpress/rest/v1.1/me', x: '/x/api/2/users/me', facebook: '/facebook/graph/v23.0/me', github: '/github/api/user'}[
      provider
    ]
    const profile = await fetch(`${standIn.url}${profilePath}`, {headers: {authorization: `Bearer ${accessToken}`, 'user-agent': 'test'}})
    expect(profile.ok).toBe(false)
  })

  test('a wrong PKCE verifier is refused', async () => {
    const response = await exchange(provider, await codeFor(provider), {codeVerifier: 'not-the-verifier-0123456789-0123456789-abcdefgh'})
    expect(JSON.stringify(await response.json())).toMatch(/invalid_grant|bad_verification_code|code_verifier/)
  })

  test('a missing PKCE verifier is refused when a challenge was sent', async () => {
    const code = await codeFor(provider)
    const body = new URLSearchParams({grant_type: 'authorization_code', code, redirect_uri: redirect(provider)})
    const headers: Record<string, string> = {'content-type': 'application/x-www-form-urlencoded', accept: 'application/json'}
    if (provider === 'x') headers.authorization = `Basic ${Buffer.from('x-app:x-secret').toString('base64')}`
    else {
      body.set('client_id', `${provider}-app`)
      body.set('client_secret', `${provider}-secret`)
    }
    const response = await fetch(`${standIn.url}${PATHS[provider].token}`, {method: 'POST', headers, body})
    expect(JSON.stringify(await response.json())).toMatch(/code_verifier/)
  })

  test('an unregistered redirect_uri gets an error page, never a redirect', async () => {
    const response = await fetch(authorizeUrl(provider, {redirect_uri: 'https://evil.example/callback'}), {redirect: 'manual'})
    expect(response.status).toBe(400)
    expect(response.headers.get('location')).toBeNull()
  })

  test('cancelling sends access_denied back with the state', async () => {
    const back = await signInAtProvider(authorizeUrl(provider), {decision: 'deny'})
    expect(back.searchParams.get('error')).toBe('access_denied')
    expect(back.searchParams.get('state')).toBe('the-state')
    expect(back.searchParams.has('code')).toBe(false)
  })
})

test('each provider accepts only the client authentication it documents', async () => {
  const wordpressWithBasic = await exchange('wordpress', await codeFor('wordpress'), {auth: 'basic'})
  expect(((await wordpressWithBasic.json()) as {error: string}).error).toBe('invalid_client')
  const xWithBody = await exchange('x', await codeFor('x'), {auth: 'post'})
  expect(xWithBody.status).toBe(401)
  expect(((await xWithBody.json()) as {error: string}).error).toBe('invalid_client')
})

test('X requires PKCE at the authorization endpoint', async () => {
  const response = await fetch(authorizeUrl('x', {code_challenge: ''}), {redirect: 'manual'})
  const back = new URL(response.headers.get('location')!)
  expect(back.searchParams.get('error')).toBe('invalid_request')
})

test('GitHub answers form-encoded unless asked for JSON, and reports a bad code with 200', async () => {
  const code = await codeFor('github')
  const body = new URLSearchParams({code, client_id: 'github-app', client_secret: 'github-secret', code_verifier: verifier})
  const form = await fetch(`${standIn.url}${PATHS.github.token}`, {method: 'POST', body})
  expect(form.headers.get('content-type')).toMatch(/x-www-form-urlencoded/)
  expect(new URLSearchParams(await form.text()).get('access_token')).toBeTruthy()
  const bad = await fetch(`${standIn.url}${PATHS.github.token}`, {method: 'POST', body, headers: {accept: 'application/json'}})
  expect(bad.status).toBe(200)
  expect(((await bad.json()) as {error: string}).error).toBe('bad_verification_code')
})

test('profiles have each provider’s shape; email only when granted and confirmed', async () => {
  const tokenFor = async (provider: keyof typeof PATHS, user: string, extra: Record<string, string> = {}) => {
    const back = await signInAtProvider(authorizeUrl(provider, extra), {user})
    const response = await exchange(provider, back.searchParams.get('code')!)
    return ((await response.json()) as {access_token: string}).access_token
  }
  const get = async (path: string, token: string) =>
    (await fetch(`${standIn.url}${path}`, {headers: {authorization: `Bearer ${token}`, 'user-agent': 'test'}})).json()

  const wordpress = (await get('/wordpress/rest/v1.1/me', await tokenFor('wordpress', 'alice', {scope: 'auth'}))) as Record<string, unknown>
  expect(wordpress).toMatchObject({display_name: 'Alice Example', email: 'alice@example.com', email_verified: true})
  expect(typeof wordpress.ID).toBe('number')

  const x = (await get('/x/api/2/users/me?user.fields=profile_image_url', await tokenFor('x', 'Dana Typed', {scope: 'users.read tweet.read'}))) as {
    data: Record<string, unknown>
  }
  expect(x.data).toMatchObject({name: 'Dana Typed'})
  expect(x.data.profile_image_url).toMatch(/\/avatars\/.+\.svg$/)
  expect(x.data.confirmed_email).toBeUndefined()

  const facebook = (await get(
    '/facebook/graph/v23.0/me?fields=id,name,email,picture',
    await tokenFor('facebook', 'bob', {scope: 'public_profile,email'}),
  )) as Record<string, unknown>
  expect(facebook).toMatchObject({name: 'Bob Example'})
  expect(facebook.email).toBeUndefined()

  const githubToken = await tokenFor('github', 'carol', {scope: 'read:user user:email'})
  expect(await get('/github/api/user/emails', githubToken)).toEqual([{email: 'carol@example.net', primary: true, verified: false, visibility: 'private'}])
})
