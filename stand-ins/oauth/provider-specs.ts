import {numericId, type TestUser} from './test-users'

/**
 * What differs between WordPress.com, X, Facebook and GitHub, as each documents it:
 * endpoint paths (under a `/<provider>` prefix on the stand-in), how the client must
 * authenticate at the token endpoint, PKCE rules, and the JSON shapes of tokens, errors
 * and profiles. The server in oauth2-stand-in.ts does the protocol; this is the data.
 */
export type StandInProvider = 'wordpress' | 'x' | 'facebook' | 'github'

export interface IssuedToken {
  user: TestUser
  scopes: string[]
}

export interface Reply {
  status: number
  body: unknown
  /** Form-encoded instead of JSON (GitHub's default token answer). */
  form?: boolean
}

export interface ProviderSpec {
  name: string
  authorizePath: RegExp
  tokenPath: RegExp
  tokenMethods: string[]
  /** `post`: credentials in the body only; `basic`: HTTP Basic only; `either`. */
  clientAuth: 'post' | 'basic' | 'either'
  pkceRequired: boolean
  challengeMethods: string[]
  scopeSeparator: string
  defaultScopes: string[]
  tokenReply(accessToken: string, scopes: string[], request: {accept: string}): Reply
  tokenError(error: string, description: string): Reply
  /** Query parameters the provider adds when the reader cancels. */
  deniedParams: Record<string, string>
  /** Protected resources by path; null when the path is not one. */
  resource(path: string, url: URL, token: IssuedToken | undefined): Reply | null
}

const bearerOnly = (status: number, body: unknown): Reply => ({status, body})

export const SPECS: Record<StandInProvider, ProviderSpec> = {
  // developer.wordpress.com/docs/oauth2/ and /docs/api/1.1/get/me/
  wordpress: {
    name: 'WordPress.com',
    authorizePath: /^\/wordpress\/oauth2\/authorize$/,
    tokenPath: /^\/wordpress\/oauth2\/token$/,
    tokenMethods: ['POST'],
    clientAuth: 'post',
    pkceRequired: false,
    challengeMethods: ['S256', 'plain'],
    scopeSeparator: ' ',
    defaultScopes: ['auth'],
    tokenReply: (accessToken, scopes) => ({
      status: 200,
      body: {access_token: accessToken, token_type: 'bearer', blog_id: '0', blog_url: null, scope: scopes.join(' ')},
    }),
    tokenError: (error, description) => ({status: 400, body: {error, error_description: description}}),
    deniedParams: {error: 'access_denied'},
    resource(path, url, token) {
      if (path !== '/wordpress/rest/v1.1/me') return null
      if (!token) {
        return bearerOnly(403, {error: 'authorization_required', message: 'An active access token must be used to query information about the current user.'})
      }
      const {user} = token
      const id = Number(numericId('wordpress', user.handle, 9))
      return {
        status: 200,
        body: {
          ID: id,
          display_name: user.name,
          username: user.handle,
          email: user.email ?? '',
          email_verified: user.emailVerified,
          avatar_URL: `${url.origin}/avatars/${user.handle}.svg`,
          profile_URL: `https://gravatar.com/${user.handle}`,
          primary_blog: 0,
          primary_blog_url: null,
          verified: user.emailVerified,
        },
      }
    },
  },

  // docs.x.com: OAuth 2.0 user access tokens; GET /2/users/me
  x: {
    name: 'X',
    authorizePath: /^\/x\/i\/oauth2\/authorize$/,
    tokenPath: /^\/x\/api\/2\/oauth2\/token$/,
    tokenMethods: ['POST'],
    // Confidential clients must use Basic.
    clientAuth: 'basic',
    pkceRequired: true,
    challengeMethods: ['S256', 'plain'],
    scopeSeparator: ' ',
    defaultScopes: ['users.read', 'tweet.read'],
    tokenReply: (accessToken, scopes) => ({
      status: 200,
      body: {token_type: 'bearer', expires_in: 7200, access_token: accessToken, scope: scopes.join(' ')},
    }),
    tokenError: (error, description) => ({status: error === 'invalid_client' ? 401 : 400, body: {error, error_description: description}}),
    deniedParams: {error: 'access_denied'},
    resource(path, url, token) {
      if (path !== '/x/api/2/users/me') return null
      if (!token) return bearerOnly(401, {title: 'Unauthorized', type: 'about:blank', status: 401, detail: 'Unauthorized'})
      if (!token.scopes.includes('users.read') || !token.scopes.includes('tweet.read')) {
        return bearerOnly(403, {title: 'Forbidden', type: 'about:blank', status: 403, detail: 'Missing scopes users.read and tweet.read'})
      }
      const fields = (url.searchParams.get('user.fields') ?? '').split(',')
      const {user} = token
      const data: Record<string, unknown> = {id: numericId('x', user.handle, 19), name: user.name, username: user.handle.replace(/-/g, '_')}
      if (fields.includes('profile_image_url')) data.profile_image_url = `${url.origin}/avatars/${user.handle}.svg`
      if (fields.includes('url')) data.url = ''
      if (fields.includes('confirmed_email') && token.scopes.includes('users.email') && user.email && user.emailVerified) {
        data.confirmed_email = user.email
      }
      return {status: 200, body: {data}}
    },
  },

  // developers.facebook.com/docs/facebook-login/guides/advanced/manual-flow; Graph API /me
  facebook: {
    name: 'Facebook',
    authorizePath: /^\/facebook\/v\d+\.0\/dialog\/oauth$/,
    tokenPath: /^\/facebook\/graph\/v\d+\.0\/oauth\/access_token$/,
    tokenMethods: ['GET', 'POST'],
    clientAuth: 'post',
    pkceRequired: false,
    challengeMethods: ['S256', 'plain'],
    scopeSeparator: ',',
    defaultScopes: ['public_profile'],
    tokenReply: (accessToken) => ({status: 200, body: {access_token: accessToken, token_type: 'bearer', expires_in: 5183944}}),
    // The Graph API's own error object, not RFC 6749's.
    tokenError: (_error, description) => ({
      status: 400,
      body: {error: {message: description, type: 'OAuthException', code: 100, fbtrace_id: 'StandIn'}},
    }),
    deniedParams: {error: 'access_denied', error_reason: 'user_denied', error_description: 'Permissions error.'},
    resource(path, url, token) {
      if (!/^\/facebook\/graph\/v\d+\.0\/me$/.test(path)) return null
      if (!token) {
        return bearerOnly(400, {
          error: {message: 'An active access token must be used to query information about the current user.', type: 'OAuthException', code: 2500},
        })
      }
      const {user} = token
      const fields = (url.searchParams.get('fields') ?? 'id,name').split(',')
      const profile: Record<string, unknown> = {}
      for (const field of fields) {
        if (field === 'id') profile.id = numericId('facebook', user.handle, 17)
        else if (field === 'name') profile.name = user.name
        // Facebook returns only a confirmed address, and only with the email permission.
        else if (field === 'email' && token.scopes.includes('email') && user.email && user.emailVerified) profile.email = user.email
        else if (field === 'picture') {
          profile.picture = {data: {height: 50, is_silhouette: false, url: `${url.origin}/avatars/${user.handle}.svg`, width: 50}}
        }
      }
      return {status: 200, body: profile}
    },
  },

  // docs.github.com: authorizing OAuth apps (PKCE since 2025-07-14); REST /user, /user/emails
  github: {
    name: 'GitHub',
    authorizePath: /^\/github\/login\/oauth\/authorize$/,
    tokenPath: /^\/github\/login\/oauth\/access_token$/,
    tokenMethods: ['POST'],
    clientAuth: 'either',
    pkceRequired: false,
    challengeMethods: ['S256'],
    scopeSeparator: ' ',
    defaultScopes: [],
    tokenReply: (accessToken, scopes, {accept}) => {
      const body = {access_token: accessToken, token_type: 'bearer', scope: scopes.join(',')}
      return accept.includes('application/json') ? {status: 200, body} : {status: 200, body, form: true}
    },
    // GitHub answers token errors with 200 and an error field.
    tokenError: (error, description) => ({
      status: 200,
      body: {
        error: error === 'invalid_grant' ? 'bad_verification_code' : error,
        error_description: description,
        error_uri: 'https://docs.github.com/apps/managing-oauth-apps/troubleshooting-oauth-app-access-token-request-errors',
      },
    }),
    deniedParams: {error: 'access_denied', error_description: 'The user has denied your application access.'},
    resource(path, url, token) {
      if (path !== '/github/api/user' && path !== '/github/api/user/emails') return null
      if (!token) return bearerOnly(401, {message: 'Requires authentication', documentation_url: 'https://docs.github.com/rest', status: '401'})
      const {user} = token
      if (path === '/github/api/user/emails') {
        if (!token.scopes.includes('user:email') && !token.scopes.includes('user')) {
          return bearerOnly(404, {message: 'Not Found', documentation_url: 'https://docs.github.com/rest/users/emails', status: '404'})
        }
        return {status: 200, body: user.email ? [{email: user.email, primary: true, verified: user.emailVerified, visibility: 'private'}] : []}
      }
      const login = user.handle
      return {
        status: 200,
        body: {
          login,
          id: Number(numericId('github', user.handle, 8)),
          avatar_url: `${url.origin}/avatars/${user.handle}.svg`,
          html_url: `https://github.com/${login}`,
          type: 'User',
          name: user.name,
          // The public email; these test users keep theirs private, as most people do.
          email: null,
        },
      }
    },
  },
}
