import {createHash, randomBytes, timingSafeEqual} from 'node:crypto'
import http from 'node:http'
import type {AddressInfo} from 'node:net'
import {SPECS, type IssuedToken, type ProviderSpec, type Reply, type StandInProvider} from './provider-specs'
import {chosenUser, escapeHtml, signInPage} from './sign-in-page'
import {testUser, type TestUser} from './test-users'

/**
 * A local stand-in for the OAuth 2.0 providers that are not OpenID providers (WordPress.com,
 * X, Facebook, GitHub), strict where they are: exact redirect URIs, the documented client
 * authentication only, single-use codes that expire in a minute, PKCE checked whenever a
 * challenge was sent (and required by X), `state` echoed unchanged. One port, a path prefix
 * per provider. Everything is kept in memory.
 */
export interface ClientRegistration {
  provider: StandInProvider
  clientId: string
  clientSecret: string
  redirectUris: string[]
}

export interface StandInOptions {
  clients: ClientRegistration[]
  port?: number
  host?: string
}

export interface RunningStandIn {
  url: string
  close(): Promise<void>
}

interface PendingAuthorization {
  provider: StandInProvider
  client: ClientRegistration
  redirectUri: string
  scopes: string[]
  state?: string
  challenge?: {value: string; method: string}
  expiresAt: number
}

interface CodeGrant extends PendingAuthorization {
  user: TestUser
  used: boolean
  /** Tokens issued for it, revoked if the code is replayed (RFC 6749 §4.1.2). */
  accessToken?: string
}

const CODE_TTL_MS = 60_000
const PAGE_TTL_MS = 10 * 60_000
const TOKEN_TTL_MS = 2 * 60 * 60_000

export async function startOAuth2StandIn({clients, port = 0, host = '127.0.0.1'}: StandInOptions): Promise<RunningStandIn> {
  const pending = new Map<string, PendingAuthorization>()
  const codes = new Map<string, CodeGrant>()
  const tokens = new Map<string, IssuedToken & {expiresAt: number}>()

  function clientFor(provider: StandInProvider, clientId: string | null): ClientRegistration | undefined {
    return clients.find((client) => client.provider === provider && client.clientId === clientId)
  }

  function authorize(provider: StandInProvider, spec: ProviderSpec, url: URL, res: http.ServerResponse): void {
    const params = url.searchParams
    const client = clientFor(provider, params.get('client_id'))
    const redirectUri = params.get('redirect_uri') ?? ''
    // Never redirect to an address the client did not register: show the error here instead.
    if (!client) return page(res, 400, 'Unknown application', `No ${spec.name} application has this client_id.`)
    if (!client.redirectUris.includes(redirectUri)) {
      return page(res, 400, 'Redirect URI mismatch', 'The redirect_uri is not registered for this application.')
    }
    const state = params.get('state') ?? undefined
    const back = (extra: Record<string, string>) => redirect(res, redirectUri, {...extra, ...(state === undefined ? {} : {state})})
    if (params.get('response_type') !== 'code') return back({error: 'unsupported_response_type'})
    const challengeValue = params.get('code_challenge')
    const method = params.get('code_challenge_method') ?? 'plain'
    if (spec.pkceRequired && !challengeValue) return back({error: 'invalid_request', error_description: 'Missing required parameter [code_challenge].'})
    if (challengeValue && !spec.challengeMethods.includes(method))
      return back({error: 'invalid_request', error_description: 'Unsupported code_challenge_method.'})
    const scope = params.get('scope')
    const scopes = scope ? scope.split(/[\s,]+/).filter(Boolean) : spec.defaultScopes
    const id = randomToken()
    pending.set(id, {
      provider,
      client,
      redirectUri,
      scopes,
      state,
      challenge: challengeValue ? {value: challengeValue, method} : undefined,
      expiresAt: Date.now() + PAGE_TTL_MS,
    })
    html(res, 200, signInPage({providerName: spec.name, action: url.pathname, hidden: {request: id}, scopes}))
  }

  function decide(spec: ProviderSpec, action: string, form: URLSearchParams, res: http.ServerResponse): void {
    const id = form.get('request') ?? ''
    const request = pending.get(id)
    if (!request || request.expiresAt < Date.now()) return page(res, 400, 'Sign-in expired', 'Go back to the site and start again.')
    const back = (extra: Record<string, string>) =>
      redirect(res, request.redirectUri, {...extra, ...(request.state === undefined ? {} : {state: request.state})})
    if (form.get('decision') === 'deny') {
      pending.delete(id)
      return back(spec.deniedParams)
    }
    const user = testUser(chosenUser(form))
    if (!user) {
      return html(
        res,
        400,
        signInPage({providerName: spec.name, action, hidden: {request: id}, scopes: request.scopes, error: 'Choose a test user or type a name.'}),
      )
    }
    pending.delete(id)
    const code = randomToken()
    codes.set(code, {...request, user, used: false, expiresAt: Date.now() + CODE_TTL_MS})
    back({code})
  }

  function token(spec: ProviderSpec, provider: StandInProvider, req: http.IncomingMessage, form: URLSearchParams, res: http.ServerResponse): void {
    const fail = (error: string, description: string) => reply(res, spec.tokenError(error, description))
    const basic = basicCredentials(req.headers.authorization)
    const bodyId = form.get('client_id')
    const bodySecret = form.get('client_secret')
    if (basic && spec.clientAuth === 'post') return fail('invalid_client', 'Client credentials must be sent in the request body.')
    if (!basic && bodySecret !== null && spec.clientAuth === 'basic') return fail('invalid_client', 'Confidential clients must authenticate with HTTP Basic.')
    const [clientId, secret] = basic ?? [bodyId, bodySecret]
    const client = clientFor(provider, clientId)
    if (!client || secret === null || !sameSecret(secret, client.clientSecret)) return fail('invalid_client', 'Client authentication failed.')
    if (form.get('grant_type') !== 'authorization_code' && provider !== 'facebook' && provider !== 'github') {
      return fail('unsupported_grant_type', 'Only authorization_code is supported here.')
    }
    const code = form.get('code') ?? ''
    const grant = codes.get(code)
    if (!grant || grant.provider !== provider || grant.client.clientId !== client.clientId) return fail('invalid_grant', 'The code is not valid.')
    if (grant.used) {
      if (grant.accessToken) tokens.delete(grant.accessToken)
      return fail('invalid_grant', 'The code has already been used.')
    }
    grant.used = true
    if (grant.expiresAt < Date.now()) return fail('invalid_grant', 'The code has expired.')
    const redirectUri = form.get('redirect_uri')
    // GitHub makes redirect_uri optional at the token endpoint; the others require the same one.
    if ((redirectUri !== null || provider !== 'github') && redirectUri !== grant.redirectUri) {
      return fail('invalid_grant', 'redirect_uri does not match the authorization request.')
    }
    if (grant.challenge) {
      const verifier = form.get('code_verifier')
      if (!verifier) return fail('invalid_request', 'Missing code_verifier.')
      const derived = grant.challenge.method === 'S256' ? createHash('sha256').update(verifier).digest('base64url') : verifier
      if (!sameSecret(derived, grant.challenge.value)) return fail('invalid_grant', 'The code_verifier does not match the code_challenge.')
    }
    const accessToken = randomToken()
    grant.accessToken = accessToken
    tokens.set(accessToken, {user: grant.user, scopes: grant.scopes, expiresAt: Date.now() + TOKEN_TTL_MS})
    reply(res, spec.tokenReply(accessToken, grant.scopes, {accept: String(req.headers.accept ?? '')}))
  }

  function bearer(req: http.IncomingMessage, url: URL, provider: StandInProvider): IssuedToken | undefined {
    const header = /^Bearer (.+)$/i.exec(req.headers.authorization ?? '')?.[1]
    // The Graph API also takes the token as a query parameter.
    const value = header ?? (provider === 'facebook' ? url.searchParams.get('access_token') : null)
    const issued = value ? tokens.get(value) : undefined
    return issued && issued.expiresAt > Date.now() ? issued : undefined
  }

  const server = http.createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? '/', `http://${req.headers.host ?? host}`)
      const path = url.pathname
      if (req.method === 'GET' && path === '/') return html(res, 200, indexPage())
      const avatar = /^\/avatars\/([a-z0-9-]{1,100})\.svg$/.exec(path)
      if (avatar && req.method === 'GET') return svg(res, avatar[1]!)
      for (const [provider, spec] of Object.entries(SPECS) as [StandInProvider, ProviderSpec][]) {
        if (spec.authorizePath.test(path)) {
          if (req.method === 'GET') return authorize(provider, spec, url, res)
          if (req.method === 'POST') return decide(spec, path, await formBody(req), res)
          return reply(res, {status: 405, body: {error: 'method_not_allowed'}})
        }
        if (spec.tokenPath.test(path)) {
          if (!spec.tokenMethods.includes(req.method ?? '')) return reply(res, {status: 405, body: {error: 'method_not_allowed'}})
          const form = req.method === 'GET' ? url.searchParams : await formBody(req)
          return token(spec, provider, req, form, res)
        }
        if (req.method === 'GET') {
          const answer = spec.resource(path, url, bearer(req, url, provider))
          if (answer) {
            if (provider === 'github' && !req.headers['user-agent']) {
              // GitHub's API rejects requests without a User-Agent.
              return reply(res, {
                status: 403,
                body: {message: 'Request forbidden by administrative rules. Please make sure your request has a User-Agent header.'},
              })
            }
            return reply(res, answer)
          }
        }
      }
      reply(res, {status: 404, body: {error: 'not_found'}})
    } catch (error) {
      console.error('OAuth stand-in:', error)
      if (!res.headersSent) reply(res, {status: 500, body: {error: 'server_error'}})
    }
  })

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, host, resolve)
  })
  const address = server.address() as AddressInfo
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      }),
  }
}

function randomToken(): string {
  return randomBytes(24).toString('base64url')
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a)
  const y = Buffer.from(b)
  return x.length === y.length && timingSafeEqual(x, y)
}

/** `[id, secret]` from an HTTP Basic header (RFC 6749 §2.3.1: both form-urlencoded first). */
function basicCredentials(header: string | undefined): [string, string] | undefined {
  const encoded = /^Basic (.+)$/i.exec(header ?? '')?.[1]
  if (!encoded) return undefined
  const decoded = Buffer.from(encoded, 'base64').toString('utf8')
  const colon = decoded.indexOf(':')
  if (colon < 0) return undefined
  const formDecode = (value: string) => decodeURIComponent(value.replace(/\+/g, ' '))
  return [formDecode(decoded.slice(0, colon)), formDecode(decoded.slice(colon + 1))]
}

async function formBody(req: http.IncomingMessage): Promise<URLSearchParams> {
  let body = ''
  for await (const chunk of req) {
    body += chunk
    if (body.length > 64_000) throw new Error('request body too large')
  }
  return new URLSearchParams(body)
}

function redirect(res: http.ServerResponse, target: string, params: Record<string, string>): void {
  const url = new URL(target)
  for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value)
  // 303: the browser follows a POSTed sign-in page with a GET to the site's callback.
  res.writeHead(303, {location: url.href, 'cache-control': 'no-store'}).end()
}

function reply(res: http.ServerResponse, {status, body, form}: Reply): void {
  const text = form ? new URLSearchParams(body as Record<string, string>).toString() : JSON.stringify(body)
  res
    .writeHead(status, {
      'content-type': form ? 'application/x-www-form-urlencoded; charset=utf-8' : 'application/json; charset=utf-8',
      'cache-control': 'no-store',
    })
    .end(text)
}

function html(res: http.ServerResponse, status: number, body: string): void {
  res.writeHead(status, {'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store'}).end(body)
}

function page(res: http.ServerResponse, status: number, title: string, message: string): void {
  html(
    res,
    status,
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head><body><main><h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p></main></body></html>`,
  )
}

function indexPage(): string {
  const items = Object.entries(SPECS)
    .map(([id, spec]) => `<li>${escapeHtml(spec.name)}: <code>/${id}/…</code></li>`)
    .join('')
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Local sign-in stand-ins</title></head><body><main><h1>Local sign-in stand-ins</h1><p>Sign-in for the site's local run, in place of:</p><ul>${items}</ul></main></body></html>`
}

/** A small avatar with the user's initial, so pages render offline. */
function svg(res: http.ServerResponse, handle: string): void {
  const hue = [...handle].reduce((sum, c) => sum + c.charCodeAt(0), 0) % 360
  const body = `<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64" viewBox="0 0 64 64"><rect width="64" height="64" fill="hsl(${hue} 45% 35%)"/><text x="32" y="42" font-family="sans-serif" font-size="30" fill="#fff" text-anchor="middle">${handle[0]!.toUpperCase()}</text></svg>`
  res.writeHead(200, {'content-type': 'image/svg+xml', 'cache-control': 'public, max-age=3600'}).end(body)
}
