/**
 * For tests: plays the reader's browser at a local provider. Follows the provider's own
 * redirects (keeping its cookies, which oidc-provider needs), fills in the sign-in page as a
 * tester would, and stops at the redirect back to the site, returning that address.
 */
export interface SignInChoice {
  /** A test user's handle or a typed name. */
  user?: string
  decision?: 'allow' | 'deny'
}

export async function signInAtProvider(authorizeUrl: string, {user = 'alice', decision = 'allow'}: SignInChoice = {}): Promise<URL> {
  const jar = new Map<string, string>()
  const providerOrigin = new URL(authorizeUrl).origin
  let url = new URL(authorizeUrl)
  let init: RequestInit = {}
  for (let hop = 0; hop < 10; hop++) {
    const response = await fetch(url, {...init, redirect: 'manual', headers: {...(init.headers as Record<string, string>), cookie: cookieHeader(jar)}})
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';')
      const eq = pair!.indexOf('=')
      jar.set(pair!.slice(0, eq).trim(), pair!.slice(eq + 1).trim())
    }
    const location = response.headers.get('location')
    if (location) {
      const next = new URL(location, url)
      if (next.origin !== providerOrigin) return next
      url = next
      init = {}
      continue
    }
    const page = await response.text()
    if (!response.ok) throw new Error(`The provider answered ${response.status}: ${page.slice(0, 300)}`)
    const action = /<form method="post" action="([^"]*)"/.exec(page)?.[1]
    if (!action) throw new Error(`No sign-in form on the provider's page: ${page.slice(0, 300)}`)
    const form = new URLSearchParams({decision})
    for (const [, name, value] of page.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) form.set(name!, decodeHtml(value!))
    if (['alice', 'bob', 'carol'].includes(user)) form.set('user', user)
    else form.set('typedName', user)
    url = new URL(decodeHtml(action), url)
    init = {method: 'POST', body: form.toString(), headers: {'content-type': 'application/x-www-form-urlencoded'}}
  }
  throw new Error('Too many redirects at the provider')
}

function cookieHeader(jar: Map<string, string>): string {
  return [...jar].map(([name, value]) => `${name}=${value}`).join('; ')
}

function decodeHtml(text: string): string {
  return text.replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code))).replace(/&amp;/g, '&')
}
