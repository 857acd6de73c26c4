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
