import {afterAll, beforeAll, describe, expect, test} from 'vitest'
import {type RunningGoogleStandIn, startGoogleStandIn} from '../../stand-ins/oauth/google-stand-in'
import {type RunningStandIn, startOAuth2StandIn} from '../../stand-ins/oauth/oauth2-stand-in'
import {signInAtProvider} from '../../stand-ins/oauth/sign-in-client'
import type {ProviderId} from './providers'

/**
 * The site's log-in flow (the same server modules the routes call) against the real local
 * providers: openid-client talking HTTP to the stand-ins, the reader's signed session cookie
 * carried from step to step as a browser would.
 */
const SITE = 'http://localhost:3999'
const PROVIDERS: ProviderId[] = ['wordpress', 'x', 'facebook', 'google', 'github']
let oauth2: RunningStandIn
let google: RunningGoogleStandIn
let login: typeof import('./login.server')
let sessions: typeof import('~/session/session.server')

beforeAll(async () => {
  const clients = PROVIDERS.map((provider) => ({
    provider,
    clientId: `${provider}-app`,
    clientSecret: `${provider}-secret`,
    redirectUris: [`${SITE}/auth/${provider}/callback/`],
  }))
  oauth2 = await startOAuth2StandIn({clients: clients.flatMap(({provider, ...client}) => (provider === 'google' ? [] : [{provider, ...client}]))})
  google = await startGoogleStandIn({clients: clients.filter((client) => client.provider === 'google')})
  Object.assign(process.env, {
    NODE_ENV: 'test',
    SITE_URL: SITE,
    SESSION_SECRET: 'a-test-secret-that-is-long-enough-0123456789',
    WPCOM_CLIENT_ID: 'wordpress-app',
    WPCOM_CLIENT_SECRET: 'wordpress-secret',
    WPCOM_URL: `${oauth2.url}/wordpress`,
    X_CLIENT_ID: 'x-app',
    X_CLIENT_SECRET: 'x-secret',
    X_URL: `${oauth2.url}/x`,
    X_API_URL: `${oauth2.url}/x/api`,
    FACEBOOK_APP_ID: 'facebook-app',
    FACEBOOK_APP_SECRET: 'facebook-secret',
    FACEBOOK_URL: `${oauth2.url}/facebook`,
    FACEBOOK_GRAPH_URL: `${oauth2.url}/facebook/graph`,
    GOOGLE_CLIENT_ID: 'google-app',
    GOOGLE_CLIENT_SECRET: 'google-secret',
    GOOGLE_ISSUER: google.url,
    GITHUB_CLIENT_ID: 'github-app',
    GITHUB_CLIENT_SECRET: 'github-secret',
    GITHUB_URL: `${oauth2.url}/github`,
    GITHUB_API_URL: `${oauth2.url}/github/api`,
  })
  login = await import('./login.server')
  sessions = await import('~/session/session.server')
})

afterAll(async () => {
  await oauth2?.close()
  await google?.close()
})

/** The value of a Set-Cookie, as the browser would send it back. */
function cookieFrom(response: Response): string {
  const line = response.headers.get('set-cookie')
  if (!line) throw new Error('no cookie set')
  return line.split(';')[0]!
}

async function errorOf(promise: Promise<unknown>): Promise<Response> {
  try {
    await promise
  } catch (error) {
    if (error instanceof Response) return error
    throw error
  }
  throw new Error('expected a refusal')
}

function post(path: string, fields: Record<string, string>, headers: Record<string, string> = {}): Request {
  return new Request(`${SITE}${path}`, {
    method: 'POST',
    headers: {Origin: SITE, 'Content-Type': 'application/x-www-form-urlencoded', ...headers},
    body: new URLSearchParams(fields),
  })
}

/** Presses a log-in icon; returns the provider's address and the session cookie. */
async function start(provider: ProviderId, returnTo = '/2013/07/25/a-post/', cookie?: string) {
  const response = await login.startLogin(post(`/auth/${provider}`, {returnTo, intent: `login-${provider}`}, cookie ? {Cookie: cookie} : {}), provider)
  expect(response.status).toBe(302)
  return {authorizeUrl: response.headers.get('location')!, cookie: cookieFrom(response)}
}

async function callback(provider: ProviderId, url: URL | string, cookie?: string): Promise<Response> {
  return login.finishLogin(new Request(url, cookie ? {headers: {Cookie: cookie}} : {}), provider)
}

async function sessionOf(cookie: string) {
  return sessions.getSession(new Request(SITE, {headers: {Cookie: cookie}}))
}

describe.each(PROVIDERS)('%s', (provider) => {
  test('logs in: the session holds the profile, no provider token, and the reader is back on the post', async () => {
    const {authorizeUrl, cookie} = await start(provider)
    const back = await signInAtProvider(authorizeUrl, {user: 'alice'})
    const response = await callback(provider, back, cookie)
    expect(response.status).toBe(302)
    expect(response.headers.get('location')).toBe('/2013/07/25/a-post/')
    const session = await sessionOf(cookieFrom(response))
    const identity = session.get('identity')!
    expect(identity).toMatchObject({provider, name: 'Alice Example'})
    expect(identity.accountId).toMatch(/^\d+$/)
    expect(identity.avatarUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/avatars\/alice\.svg$/)
    // X gives no email without the users.email scope, which the site does not ask for.
    expect(identity.email).toBe(provider === 'x' ? undefined : 'alice@example.com')
    expect(session.get('oauth')).toBeUndefined()
    expect(JSON.stringify(session.data)).not.toMatch(/access_token|token_type/)
  })

  test('the request to the provider carries state, an S256 PKCE challenge and the registered callback', async () => {
    const {authorizeUrl, cookie} = await start(provider)
    const url = new URL(authorizeUrl)
    const pending = (await sessionOf(cookie)).get('oauth')!
    expect(url.searchParams.get('state')).toBe(pending.state)
    expect(url.searchParams.get('code_challenge_method')).toBe('S256')
    expect(url.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/)
    expect(url.searchParams.get('redirect_uri')).toBe(`${SITE}/auth/${provider}/callback/`)
    if (provider === 'google') expect(url.searchParams.get('nonce')).toBe(pending.nonce)
  })

  test('a wrong or missing state is rejected', async () => {
    const {authorizeUrl, cookie} = await start(provider)
    const back = await signInAtProvider(authorizeUrl)
    const wrong = new URL(back)
    wrong.searchParams.set('state', 'forged')
    expect((await errorOf(callback(provider, wrong, cookie))).status).toBe(400)
    const missing = new URL(back)
    missing.searchParams.delete('state')
    expect((await errorOf(callback(provider, missing, cookie))).status).toBe(400)
    // An answer arriving in a browser that never started the log-in (login CSRF).
    expect((await errorOf(callback(provider, back))).status).toBe(400)
  })

  test('a code cannot be replayed', async () => {
    const {authorizeUrl, cookie} = await start(provider)
    const back = await signInAtProvider(authorizeUrl)
    expect((await callback(provider, back, cookie)).status).toBe(302)
    // The same answer again, with the cookie from before the log-in still holding the pending state.
    expect((await errorOf(callback(provider, back, cookie))).status).toBe(400)
  })

  test('the provider refuses a wrong PKCE verifier', async () => {
    const {authorizeUrl, cookie} = await start(provider)
    const back = await signInAtProvider(authorizeUrl)
    const session = await sessionOf(cookie)
    session.set('oauth', {...session.get('oauth')!, codeVerifier: 'x'.repeat(43)})
    const tampered = (await sessions.commitSession(session)).split(';')[0]!
    const refusal = await errorOf(callback(provider, back, tampered))
    expect(refusal.status).toBe(400)
    expect((await sessionOf(cookieFrom(refusal))).get('identity')).toBeUndefined()
  })
})

test('log-in starts a new session: a new CSRF secret, the reader’s own comments kept', async () => {
  const before = await sessions.newSession()
  before.set('csrf', 'the-guest-secret')
  before.set('ownComments', ['comment-earlier'])
  const guestCookie = (await sessions.commitSession(before)).split(';')[0]!
  const {authorizeUrl, cookie} = await start('facebook', '/2013/07/25/a-post/', guestCookie)
  const after = await sessionOf(cookieFrom(await callback('facebook', await signInAtProvider(authorizeUrl), cookie)))
  expect(after.get('identity')?.provider).toBe('facebook')
  expect(after.get('ownComments')).toEqual(['comment-earlier'])
  expect(after.get('csrf')).toMatch(/^[\w-]{43}$/)
  expect(after.get('csrf')).not.toBe('the-guest-secret')
  expect(after.get('oauth')).toBeUndefined()
})

test.each(['https://evil.example', '//evil.example', '/\\evil.example', 'https:/evil.example'])(
  'the return address %j cannot lead off the site',
  async (returnTo) => {
    const {authorizeUrl, cookie} = await start('github', returnTo)
    const response = await callback('github', await signInAtProvider(authorizeUrl), cookie)
    expect(response.headers.get('location')).toBe('/')
  },
)

test('a reader who cancels at the provider is back on the post, still a guest', async () => {
  const {authorizeUrl, cookie} = await start('google')
  const response = await callback('google', await signInAtProvider(authorizeUrl, {decision: 'deny'}), cookie)
  expect(response.headers.get('location')).toBe('/2013/07/25/a-post/')
  expect((await sessionOf(cookieFrom(response))).get('identity')).toBeUndefined()
})

test('starting a log-in from another site is refused', async () => {
  const refusal = await errorOf(login.startLogin(post('/auth/google', {}, {Origin: 'https://evil.example'}), 'google'))
  expect(refusal.status).toBe(403)
})

test('a comment too long to keep is refused with the reason before going to the provider; a huge body is not read', async () => {
  const tooLong = await errorOf(login.startLogin(post('/auth/github', {returnTo: '/2013/07/25/a-post/', body: 'x'.repeat(5001)}), 'github'))
  expect(tooLong.status).toBe(400)
  expect(await tooLong.text()).toMatch(/could not be kept while you log in.*comment 5,000 characters/)
  const body = new URLSearchParams({body: 'x'.repeat(5 * 1024 * 1024)}).toString()
  const huge = new Request(`${SITE}/auth/github`, {
    method: 'POST',
    headers: {Origin: SITE, 'Content-Type': 'application/x-www-form-urlencoded', 'Content-Length': String(body.length)},
    body,
  })
  const refusal = await errorOf(login.startLogin(huge, 'github'))
  expect(refusal.status).toBe(413)
  expect(huge.bodyUsed).toBe(false)
})

test('an unknown provider is not found', async () => {
  expect((await errorOf(login.startLogin(post('/auth/myspace', {}), 'myspace'))).status).toBe(404)
})

describe('log-out', () => {
  async function loggedIn(): Promise<string> {
    const {authorizeUrl, cookie} = await start('wordpress')
    return cookieFrom(await callback('wordpress', await signInAtProvider(authorizeUrl), cookie))
  }

  test('with this session’s token it ends the log-in in a new session', async () => {
    const cookie = await loggedIn()
    const before = await sessionOf(cookie)
    const token = login.issueLogoutToken(before)!
    const response = await login.logout(post('/auth/logout', {logoutToken: token, returnTo: '/2013/07/25/a-post/'}, {Cookie: cookie}))
    expect(response.status).toBe(302)
    expect(response.headers.get('location')).toBe('/2013/07/25/a-post/')
    const after = await sessionOf(cookieFrom(response))
    expect(after.get('identity')).toBeUndefined()
    expect(after.get('csrf')).not.toBe(before.get('csrf'))
  })

  test('without a token, with another session’s token, or from another site it is refused', async () => {
    const cookie = await loggedIn()
    const others = login.issueLogoutToken(await sessionOf(await loggedIn()))!
    const own = login.issueLogoutToken(await sessionOf(cookie))!
    expect((await errorOf(login.logout(post('/auth/logout', {}, {Cookie: cookie})))).status).toBe(403)
    const noForm = new Request(`${SITE}/auth/logout`, {method: 'POST', headers: {Origin: SITE, Cookie: cookie}})
    expect((await errorOf(login.logout(noForm))).status).toBe(403)
    expect((await errorOf(login.logout(post('/auth/logout', {logoutToken: others}, {Cookie: cookie})))).status).toBe(403)
    const crossSite = post('/auth/logout', {logoutToken: own}, {Cookie: cookie, Origin: 'https://evil.example'})
    expect((await errorOf(login.logout(crossSite))).status).toBe(403)
  })

  test('is POST only: the route answers GET with 405', async () => {
    const route = await import('~/routes/auth.logout')
    let refusal: unknown
    try {
      route.loader()
    } catch (error) {
      refusal = error
    }
    expect(refusal).toBeInstanceOf(Response)
    expect((refusal as Response).status).toBe(405)
    expect((refusal as Response).headers.get('Allow')).toBe('POST')
  })
})

test('the session cookie is HttpOnly and SameSite=Lax (and not Secure over plain http)', async () => {
  const {cookie} = await start('google')
  const response = await login.startLogin(post('/auth/google', {}, {Cookie: cookie}), 'google')
  const header = response.headers.get('set-cookie')!
  expect(header).toMatch(/^__session=/)
  expect(header).toMatch(/; HttpOnly/i)
  expect(header).toMatch(/; SameSite=Lax/i)
  expect(header).not.toMatch(/; Secure/i)
})
