import {generateKeyPairSync, randomBytes} from 'node:crypto'
import http from 'node:http'
import type {AddressInfo} from 'node:net'
import Provider, {interactionPolicy} from 'oidc-provider'
import {memoryAdapter} from './memory-adapter'
import {chosenUser, signInPage} from './sign-in-page'
import {numericId, testUser, type TestUser} from './test-users'

/**
 * A local stand-in for Google's OpenID provider: a real one (oidc-provider 8.8, which runs
 * on Node 20), so discovery, JWKS, signed ID tokens, nonce, PKCE and the `iss` authorization
 * response parameter are the genuine article. The ID token carries name, picture and email
 * claims as Google's does, and the sign-in page is the same test-user picker as the other
 * stand-ins. Keys and sessions live in memory and change on every start.
 */
export interface GoogleClient {
  clientId: string
  clientSecret: string
  redirectUris: string[]
}

export interface GoogleStandInOptions {
  clients: GoogleClient[]
  port?: number
  host?: string
}

export interface RunningGoogleStandIn {
  /** The issuer, and where discovery is: `${url}/.well-known/openid-configuration`. */
  url: string
  close(): Promise<void>
}

export async function startGoogleStandIn({clients, port = 0, host = '127.0.0.1'}: GoogleStandInOptions): Promise<RunningGoogleStandIn> {
  // The issuer must be known before the provider exists, so listen first.
  const server = http.createServer()
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, host, resolve)
  })
  const issuer = `http://${host}:${(server.address() as AddressInfo).port}`
  const accounts = new Map<string, TestUser>()

  const policy = interactionPolicy.base()
  // Google shows its account chooser each time; without this check a second log-in would
  // reuse the stand-in's own session and never let the tester pick someone else.
  policy
    .get('login')!
    .checks.add(
      new interactionPolicy.Check('choose_account', 'the tester picks a test user each time', (ctx) =>
        ctx.oidc.result?.login ? interactionPolicy.Check.NO_NEED_TO_PROMPT : interactionPolicy.Check.REQUEST_PROMPT,
      ),
    )

  const {privateKey} = generateKeyPairSync('rsa', {modulusLength: 2048})
  const provider = new Provider(issuer, {
    adapter: memoryAdapter(),
    clients: clients.map((client) => ({
      client_id: client.clientId,
      client_secret: client.clientSecret,
      redirect_uris: client.redirectUris,
      response_types: ['code'],
      grant_types: ['authorization_code'],
      // Google's token endpoint takes the secret in the body or with Basic; the site uses the body.
      token_endpoint_auth_method: 'client_secret_post',
    })),
    jwks: {keys: [{...privateKey.export({format: 'jwk'}), kid: randomBytes(8).toString('hex'), alg: 'RS256', use: 'sig'}]},
    cookies: {keys: [randomBytes(32).toString('base64url')]},
    claims: {
      openid: ['sub'],
      email: ['email', 'email_verified'],
      profile: ['name', 'given_name', 'family_name', 'picture', 'locale'],
    },
    // Google puts the profile claims in the ID token, not only at the userinfo endpoint.
    conformIdTokenClaims: false,
    scopes: ['openid', 'email', 'profile'],
    responseTypes: ['code'],
    pkce: {methods: ['S256'], required: () => false},
    features: {devInteractions: {enabled: false}, userinfo: {enabled: true}},
    interactions: {policy, url: (_ctx, interaction) => `/interaction/${interaction.uid}`},
    findAccount: (_ctx, sub) => {
      const user = accounts.get(sub)
      if (!user) return undefined
      return {
        accountId: sub,
        claims: () => {
          const [given, ...family] = user.name.split(' ')
          return {
            sub,
            name: user.name,
            given_name: given,
            family_name: family.join(' ') || undefined,
            picture: `${issuer}/avatars/${user.handle}.svg`,
            locale: 'en',
            // Every Google account has an address; the stand-in's "no email" user gets an unverified one.
            email: user.email ?? `${user.handle}@gmail.example`,
            email_verified: user.emailVerified,
          }
        },
      }
    },
    ttl: {AccessToken: 3600, AuthorizationCode: 60, IdToken: 3600, Interaction: 600, Session: 600, Grant: 600},
    renderError: (ctx, out) => {
      ctx.type = 'html'
      ctx.body = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Sign-in error</title></head><body><main><h1>Sign-in error</h1><p>${String(out.error_description ?? out.error).replace(/[&<>"']/g, '')}</p></main></body></html>`
    },
  })
  // Expected on loopback behind nothing: plain http, no proxy headers to trust.
  provider.proxy = false

  const callback = provider.callback()
  server.on('request', async (req, res) => {
    try {
      const url = new URL(req.url ?? '/', issuer)
      const avatar = /^\/avatars\/([a-z0-9-]{1,100})\.svg$/.exec(url.pathname)
      if (avatar && req.method === 'GET') {
        res.writeHead(200, {'content-type': 'image/svg+xml'})
        return res.end(
          `<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64"><rect width="64" height="64" fill="#1a5fb4"/><text x="32" y="42" font-family="sans-serif" font-size="30" fill="#fff" text-anchor="middle">${avatar[1]![0]!.toUpperCase()}</text></svg>`,
        )
      }
      const interaction = /^\/interaction\/([\w-]+)$/.exec(url.pathname)
      if (!interaction) return callback(req, res)
      const details = await provider.interactionDetails(req, res)
      if (req.method === 'GET') {
        res.writeHead(200, {'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store'})
        return res.end(signInPage({providerName: 'Google', action: url.pathname, hidden: {}, scopes: String(details.params.scope ?? '').split(' ')}))
      }
      let body = ''
      for await (const chunk of req) body += chunk
      const form = new URLSearchParams(body)
      if (form.get('decision') === 'deny') {
        return await provider.interactionFinished(
          req,
          res,
          {error: 'access_denied', error_description: 'The user did not sign in.'},
          {mergeWithLastSubmission: false},
        )
      }
      const user = testUser(chosenUser(form))
      if (!user) {
        res.writeHead(400, {'content-type': 'text/html; charset=utf-8'})
        return res.end(signInPage({providerName: 'Google', action: url.pathname, hidden: {}, scopes: [], error: 'Choose a test user or type a name.'}))
      }
      const sub = numericId('google', user.handle, 21)
      accounts.set(sub, user)
      const grant = new provider.Grant({accountId: sub, clientId: String(details.params.client_id)})
      grant.addOIDCScope(String(details.params.scope))
      const grantId = await grant.save()
      await provider.interactionFinished(req, res, {login: {accountId: sub}, consent: {grantId}}, {mergeWithLastSubmission: false})
    } catch (error) {
      console.error('Google stand-in:', error)
      if (!res.headersSent) res.writeHead(400, {'content-type': 'text/plain'}).end('Sign-in could not continue. Go back to the site and start again.')
    }
  })

  return {
    url: issuer,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      }),
  }
}
