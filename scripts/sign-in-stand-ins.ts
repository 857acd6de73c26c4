import {randomBytes} from 'node:crypto'
import {PROVIDER_IDS, PROVIDER_NAMES, type ProviderId} from '~/auth/providers'

/**
 * Which log-in providers `npm start` stands in for: every one whose client id is not set.
 * Each gets an application registered at the stand-in (a client id, a secret made for this
 * run, the site's callback address), and the site is told to use it.
 */
const CLIENT_ID_VARIABLE: Record<ProviderId, string> = {
  wordpress: 'WPCOM_CLIENT_ID',
  x: 'X_CLIENT_ID',
  facebook: 'FACEBOOK_APP_ID',
  google: 'GOOGLE_CLIENT_ID',
  github: 'GITHUB_CLIENT_ID',
}

export interface StandInClient {
  provider: ProviderId
  clientId: string
  clientSecret: string
  redirectUris: string[]
}

export function standInClients(env: Record<string, string | undefined>, siteUrl: string): StandInClient[] {
  return PROVIDER_IDS.filter((provider) => !env[CLIENT_ID_VARIABLE[provider]]).map((provider) => ({
    provider,
    clientId: `${provider}-local`,
    clientSecret: randomBytes(24).toString('base64url'),
    redirectUris: [new URL(`/auth/${provider}/callback/`, siteUrl).href],
  }))
}

/** The site's settings for providers played by the stand-ins at these addresses. */
export function siteEnvForStandIns(clients: StandInClient[], oauthUrl: string | undefined, oidcUrl: string | undefined): Record<string, string> {
  const env: Record<string, string> = {}
  for (const {provider, clientId, clientSecret} of clients) {
    if (provider === 'google') {
      if (oidcUrl) Object.assign(env, {GOOGLE_CLIENT_ID: clientId, GOOGLE_CLIENT_SECRET: clientSecret, GOOGLE_ISSUER: oidcUrl})
      continue
    }
    if (!oauthUrl) continue
    const base = `${oauthUrl}/${provider}`
    Object.assign(
      env,
      {
        wordpress: {WPCOM_CLIENT_ID: clientId, WPCOM_CLIENT_SECRET: clientSecret, WPCOM_URL: base},
        x: {X_CLIENT_ID: clientId, X_CLIENT_SECRET: clientSecret, X_URL: base, X_API_URL: `${base}/api`},
        facebook: {FACEBOOK_APP_ID: clientId, FACEBOOK_APP_SECRET: clientSecret, FACEBOOK_URL: base, FACEBOOK_GRAPH_URL: `${base}/graph`},
        github: {GITHUB_CLIENT_ID: clientId, GITHUB_CLIENT_SECRET: clientSecret, GITHUB_URL: base, GITHUB_API_URL: `${base}/api`},
      }[provider],
    )
  }
  return env
}

/** "WordPress.com, X, Facebook, Google, GitHub": the providers stood in for, for the address list. */
export function standInNames(clients: StandInClient[]): string {
  return clients.map(({provider}) => PROVIDER_NAMES[provider]).join(', ')
}
