import {expect, test, vi} from 'vitest'

async function sessionCookieFor(siteUrl: string): Promise<string> {
  vi.resetModules()
  vi.stubEnv('SITE_URL', siteUrl)
  vi.stubEnv('SESSION_SECRET', 'a-test-secret-that-is-long-enough-0123456789')
  const {commitSession, newSession} = await import('./session.server')
  const session = await newSession()
  session.set('csrf', 'secret')
  return commitSession(session)
}

test('the session cookie is HttpOnly, SameSite=Lax, and Secure when the site is on HTTPS', async () => {
  const https = await sessionCookieFor('https://blog.example')
  expect(https).toMatch(/^__session=/)
  expect(https).toMatch(/; HttpOnly/)
  expect(https).toMatch(/; SameSite=Lax/)
  expect(https).toMatch(/; Secure/)
})

test('over plain http (a local run) it is not Secure, or the browser would drop it', async () => {
  const http = await sessionCookieFor('http://localhost:3000')
  expect(http).toMatch(/; HttpOnly/)
  expect(http).not.toMatch(/; Secure/)
})

const OLD_SECRET = 'the-previous-session-secret-0123456789'
const NEW_SECRET = 'the-current-session-secret-9876543210'

/** The session module as a site with these secrets runs it. */
async function sessionsWith(secrets: string) {
  vi.resetModules()
  vi.stubEnv('SITE_URL', 'https://blog.example')
  vi.stubEnv('SESSION_SECRET', secrets)
  return import('./session.server')
}

const cookieValue = (setCookie: string) => setCookie.split(';')[0]!
const asRequest = (cookie: string) => new Request('https://blog.example/', {headers: {Cookie: cookie}})

test('the cookie is sealed: its value shows none of the saved email, CSRF secret or PKCE verifier', async () => {
  const sessions = await sessionsWith(NEW_SECRET)
  const session = await sessions.newSession()
  session.set('csrf', 'csrf-secret-value-abcdef')
  session.set('savedDetails', {name: 'Ann', email: 'ann.reader@example.com', website: ''})
  session.set('oauth', {provider: 'github', state: 'state-value', codeVerifier: 'pkce-verifier-value-xyz', returnTo: '/', expiresAt: 1})
  const cookie = cookieValue(await sessions.commitSession(session))
  const value = decodeURIComponent(cookie.slice('__session='.length))
  // Remix encodes cookie values as base64 JSON; look through every layer a reader could peel.
  const layers = [value, Buffer.from(value, 'base64').toString('utf8')]
  for (const layer of layers) {
    for (const secret of ['ann.reader@example.com', 'csrf-secret-value-abcdef', 'pkce-verifier-value-xyz', 'state-value']) {
      expect(layer).not.toContain(secret)
    }
  }
  // …and the site reads it back whole.
  const back = await sessions.getSession(asRequest(cookie))
  expect(back.get('savedDetails')?.email).toBe('ann.reader@example.com')
  expect(back.get('oauth')?.codeVerifier).toBe('pkce-verifier-value-xyz')
})

test('a tampered or foreign cookie is a fresh session, not an error', async () => {
  const sessions = await sessionsWith(NEW_SECRET)
  const session = await sessions.newSession()
  session.set('csrf', 'the-csrf')
  const cookie = cookieValue(await sessions.commitSession(session))
  const value = Buffer.from(decodeURIComponent(cookie.slice('__session='.length)), 'base64').toString('utf8')
  // One character in the middle of the sealed value changed (every bit of it counts there),
  // re-encoded as Remix would.
  const sealed: string = JSON.parse(value)
  const middle = Math.floor(sealed.length / 2) + (sealed[Math.floor(sealed.length / 2)] === '.' ? 1 : 0)
  const flipped = JSON.stringify(`${sealed.slice(0, middle)}${sealed[middle] === 'A' ? 'B' : 'A'}${sealed.slice(middle + 1)}`)
  for (const forged of [
    `__session=${encodeURIComponent(Buffer.from(flipped).toString('base64'))}`,
    '__session=not-base64-at-all!!',
    `__session=${Buffer.from(JSON.stringify({csrf: 'chosen-by-attacker'})).toString('base64')}`,
  ]) {
    const fresh = await sessions.getSession(asRequest(forged))
    expect(fresh.data).toEqual({})
  }
})

test('rotation: new cookies are sealed with the first secret, old ones still open with the others', async () => {
  const before = await sessionsWith(OLD_SECRET)
  const old = await before.newSession()
  old.set('ownComments', ['comment-1'])
  const oldCookie = cookieValue(await before.commitSession(old))

  const rotated = await sessionsWith(`${NEW_SECRET},${OLD_SECRET}`)
  const reopened = await rotated.getSession(asRequest(oldCookie))
  expect(reopened.get('ownComments')).toEqual(['comment-1'])
  const newCookie = cookieValue(await rotated.commitSession(reopened))

  // Sealed with the new secret: a site with only the new one opens it, one with only the old can't.
  expect((await (await sessionsWith(NEW_SECRET)).getSession(asRequest(newCookie))).get('ownComments')).toEqual(['comment-1'])
  expect((await (await sessionsWith(OLD_SECRET)).getSession(asRequest(newCookie))).data).toEqual({})
})
