import {z} from 'zod'
import {getEnv, isPublicDeployment, parseEnvironment} from '~/env.server'
import type {ProviderId} from './providers'

/**
 * Which log-in providers are switched on and where they are. A provider is on when its
 * client id and secret are both set. Addresses default to the real hosts; `npm start`
 * points them at the local stand-ins when a provider is not configured. Parsed once.
 */
const address = z.url({protocol: /^https?$/}).transform((url) => url.replace(/\/+$/, ''))

const AuthEnv = z
  .object({
    WPCOM_CLIENT_ID: z.string().min(1).optional(),
    WPCOM_CLIENT_SECRET: z.string().min(1).optional(),
    WPCOM_URL: address.default('https://public-api.wordpress.com'),
    X_CLIENT_ID: z.string().min(1).optional(),
    X_CLIENT_SECRET: z.string().min(1).optional(),
    X_URL: address.default('https://x.com'),
    X_API_URL: address.default('https://api.x.com'),
    FACEBOOK_APP_ID: z.string().min(1).optional(),
    FACEBOOK_APP_SECRET: z.string().min(1).optional(),
    FACEBOOK_URL: address.default('https://www.facebook.com'),
    FACEBOOK_GRAPH_URL: address.default('https://graph.facebook.com'),
    FACEBOOK_GRAPH_VERSION: z
      .string()
      .regex(/^v\d+\.0$/, 'must be a Graph API version such as v23.0')
      .default('v23.0'),
    GOOGLE_CLIENT_ID: z.string().min(1).optional(),
    GOOGLE_CLIENT_SECRET: z.string().min(1).optional(),
    GOOGLE_ISSUER: address.default('https://accounts.google.com'),
    GITHUB_CLIENT_ID: z.string().min(1).optional(),
    GITHUB_CLIENT_SECRET: z.string().min(1).optional(),
    GITHUB_URL: address.default('https://github.com'),
    GITHUB_API_URL: address.default('https://api.github.com'),
  })
  .superRefine((env, ctx) => {
    for (const [id, secret] of CREDENTIALS) {
      if (Boolean(env[id]) !== Boolean(env[secret])) {
        const missing = env[id] ? secret : id
        ctx.addIssue({code: 'custom', path: [missing], message: `must be set together with ${missing === id ? secret : id}`})
      }
    }
  })

type AuthEnvValues = z.infer<typeof AuthEnv>

const CREDENTIALS = [
  ['WPCOM_CLIENT_ID', 'WPCOM_CLIENT_SECRET'],
  ['X_CLIENT_ID', 'X_CLIENT_SECRET'],
  ['FACEBOOK_APP_ID', 'FACEBOOK_APP_SECRET'],
  ['GOOGLE_CLIENT_ID', 'GOOGLE_CLIENT_SECRET'],
  ['GITHUB_CLIENT_ID', 'GITHUB_CLIENT_SECRET'],
] as const satisfies [keyof AuthEnvValues, keyof AuthEnvValues][]

/** How the client proves itself at the token endpoint, as each provider documents it. */
export type ClientAuthMethod = 'client_secret_post' | 'client_secret_basic'

interface ProviderBase {
  id: ProviderId
  clientId: string
  clientSecret: string
  clientAuth: ClientAuthMethod
  scope: string
}

/** An OpenID provider: endpoints and keys come from its discovery document. */
export interface OpenIdProvider extends ProviderBase {
  kind: 'openid'
  issuer: string
}

/** A plain OAuth 2.0 provider: endpoints are configured, the profile is an API call. */
export interface OAuth2Provider extends ProviderBase {
  kind: 'oauth2'
  issuer: string
  authorizationEndpoint: string
  tokenEndpoint: string
  /** Profile addresses, in the order they are read. */
  profileEndpoints: string[]
}

export type ProviderConfig = OpenIdProvider | OAuth2Provider

function providerTable(env: AuthEnvValues): ProviderConfig[] {
  const table: (ProviderConfig | undefined)[] = [
    env.WPCOM_CLIENT_ID && env.WPCOM_CLIENT_SECRET
      ? {
          // developer.wordpress.com/docs/oauth2/: credentials in the body; `auth` = /me only.
          kind: 'oauth2',
          id: 'wordpress',
          clientId: env.WPCOM_CLIENT_ID,
          clientSecret: env.WPCOM_CLIENT_SECRET,
          clientAuth: 'client_secret_post',
          scope: 'auth',
          issuer: env.WPCOM_URL,
          authorizationEndpoint: `${env.WPCOM_URL}/oauth2/authorize`,
          tokenEndpoint: `${env.WPCOM_URL}/oauth2/token`,
          profileEndpoints: [`${env.WPCOM_URL}/rest/v1.1/me`],
        }
      : undefined,
    env.X_CLIENT_ID && env.X_CLIENT_SECRET
      ? {
          // docs.x.com OAuth 2.0: confidential clients authenticate with HTTP Basic.
          kind: 'oauth2',
          id: 'x',
          clientId: env.X_CLIENT_ID,
          clientSecret: env.X_CLIENT_SECRET,
          clientAuth: 'client_secret_basic',
          scope: 'users.read tweet.read',
          issuer: env.X_URL,
          authorizationEndpoint: `${env.X_URL}/i/oauth2/authorize`,
          tokenEndpoint: `${env.X_API_URL}/2/oauth2/token`,
          profileEndpoints: [`${env.X_API_URL}/2/users/me?user.fields=profile_image_url`],
        }
      : undefined,
    env.FACEBOOK_APP_ID && env.FACEBOOK_APP_SECRET
      ? {
          // Facebook Login's manual flow: app id and secret as parameters.
          kind: 'oauth2',
          id: 'facebook',
          clientId: env.FACEBOOK_APP_ID,
          clientSecret: env.FACEBOOK_APP_SECRET,
          clientAuth: 'client_secret_post',
          scope: 'public_profile,email',
          issuer: env.FACEBOOK_URL,
          authorizationEndpoint: `${env.FACEBOOK_URL}/${env.FACEBOOK_GRAPH_VERSION}/dialog/oauth`,
          tokenEndpoint: `${env.FACEBOOK_GRAPH_URL}/${env.FACEBOOK_GRAPH_VERSION}/oauth/access_token`,
          profileEndpoints: [`${env.FACEBOOK_GRAPH_URL}/${env.FACEBOOK_GRAPH_VERSION}/me?fields=id,name,email,picture`],
        }
      : undefined,
    env.GOOGLE_CLIENT_ID && env.GOOGLE_CLIENT_SECRET
      ? {
          // Google's OpenID Connect reference: client_secret_post (the documented example).
          kind: 'openid',
          id: 'google',
          clientId: env.GOOGLE_CLIENT_ID,
          clientSecret: env.GOOGLE_CLIENT_SECRET,
          clientAuth: 'client_secret_post',
          scope: 'openid email profile',
          issuer: env.GOOGLE_ISSUER,
        }
      : undefined,
    env.GITHUB_CLIENT_ID && env.GITHUB_CLIENT_SECRET
      ? {
          // GitHub OAuth apps: client_id and client_secret in the body.
          kind: 'oauth2',
          id: 'github',
          clientId: env.GITHUB_CLIENT_ID,
          clientSecret: env.GITHUB_CLIENT_SECRET,
          clientAuth: 'client_secret_post',
          scope: 'read:user user:email',
          issuer: env.GITHUB_URL,
          authorizationEndpoint: `${env.GITHUB_URL}/login/oauth/authorize`,
          tokenEndpoint: `${env.GITHUB_URL}/login/oauth/access_token`,
          profileEndpoints: [`${env.GITHUB_API_URL}/user`, `${env.GITHUB_API_URL}/user/emails`],
        }
      : undefined,
  ]
  return table.filter((provider) => provider !== undefined)
}

const LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])$/

/** A local stand-in: a provider address on this machine. */
export function isLoopbackUrl(url: string): boolean {
  return LOOPBACK.test(new URL(url).hostname)
}

function providerUrls(provider: ProviderConfig): string[] {
  return provider.kind === 'openid' ? [provider.issuer] : [provider.authorizationEndpoint, provider.tokenEndpoint, ...provider.profileEndpoints]
}

/**
 * Parses the providers' settings. On a public deployment a provider pointed at this machine
 * (a local stand-in, which signs anyone in as anyone) stops the site.
 */
export function parseAuthConfig(
  source: Record<string, string | undefined>,
  site: {NODE_ENV: 'development' | 'production' | 'test'; SITE_URL: string},
): ProviderConfig[] {
  const providers = providerTable(parseEnvironment(AuthEnv, source))
  if (isPublicDeployment(site)) {
    const local = providers.filter((provider) => providerUrls(provider).some(isLoopbackUrl))
    if (local.length > 0) {
      throw new Error(
        `Log-in stand-ins on this machine are configured for ${local.map((p) => p.id).join(', ')}, ` +
          `but ${site.SITE_URL} is a public site: set the real providers' addresses (or unset them for the defaults).`,
      )
    }
  }
  return providers
}

let cached: ProviderConfig[] | undefined

/** The configured providers, in the form's order; parsed once. */
export function configuredProviders(): ProviderConfig[] {
  cached ??= parseAuthConfig(process.env, getEnv())
  return cached
}

export function providerConfig(id: ProviderId): ProviderConfig | undefined {
  return configuredProviders().find((provider) => provider.id === id)
}

/** Where the provider sends the reader back: registered with each provider's app. */
export function callbackUrl(id: ProviderId, siteUrl = getEnv().SITE_URL): string {
  return new URL(`/auth/${id}/callback/`, siteUrl).href
}
