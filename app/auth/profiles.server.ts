import * as oidc from 'openid-client'
import {z} from 'zod'
import type {OAuth2Provider} from './auth-config.server'
import type {ReaderIdentity} from '../../contract/identity'

/**
 * Reads who the reader is from each provider's profile API (or Google's validated ID token)
 * and maps it to one shape. Only a verified email address is kept. The access token is used
 * for these calls and then dropped by the caller.
 */
const text = z.string().trim()
const optionalUrl = z
  .url({protocol: /^https?$/})
  .optional()
  .catch(undefined)
const NAME_LIMIT = 100

function identity(provider: ReaderIdentity['provider'], accountId: string, name: string, avatarUrl?: string, email?: string): ReaderIdentity {
  return {
    provider,
    accountId,
    name: name.slice(0, NAME_LIMIT),
    ...(avatarUrl ? {avatarUrl} : {}),
    ...(email ? {email} : {}),
  }
}

// developer.wordpress.com/docs/api/1.1/get/me/
const WordPressMe = z.object({
  ID: z.union([z.number(), z.string()]).transform(String),
  display_name: text,
  username: text,
  email: z.string().optional(),
  email_verified: z.boolean().optional(),
  avatar_URL: optionalUrl,
})

// docs.x.com GET /2/users/me
const XMe = z.object({
  data: z.object({id: text.min(1), name: text, username: text, profile_image_url: optionalUrl}),
})

// Graph API /me?fields=id,name,email,picture
const FacebookMe = z.object({
  id: text.min(1),
  name: text,
  email: z.email().optional().catch(undefined),
  picture: z
    .object({data: z.object({url: optionalUrl})})
    .optional()
    .catch(undefined),
})

// docs.github.com GET /user and /user/emails
const GitHubUser = z.object({
  id: z.union([z.number(), z.string()]).transform(String),
  login: text,
  name: text.nullable().optional(),
  avatar_url: optionalUrl,
})
const GitHubEmails = z.array(z.object({email: z.string(), primary: z.boolean(), verified: z.boolean()}))

// developers.google.com/identity/openid-connect/reference: ID token claims
const GoogleClaims = z.object({
  sub: text.min(1),
  name: text.optional(),
  email: z.string().optional(),
  email_verified: z.boolean().optional(),
  picture: optionalUrl,
})

async function getJson(config: oidc.Configuration, accessToken: string, url: string, headers?: Record<string, string>): Promise<unknown> {
  const response = await oidc.fetchProtectedResource(config, accessToken, new URL(url), 'GET', undefined, new Headers(headers))
  if (!response.ok) throw new ProfileError(`${new URL(url).pathname} answered ${response.status}`)
  return response.json()
}

export class ProfileError extends Error {
  override name = 'ProfileError'
}

function parse<T extends z.ZodType>(schema: T, value: unknown, what: string): z.infer<T> {
  const parsed = schema.safeParse(value)
  if (!parsed.success) throw new ProfileError(`unexpected ${what}: ${parsed.error.issues[0]?.message ?? 'bad shape'}`)
  return parsed.data
}

export async function readOAuth2Profile(provider: OAuth2Provider, config: oidc.Configuration, accessToken: string): Promise<ReaderIdentity> {
  const [profileUrl, emailsUrl] = provider.profileEndpoints as [string, string | undefined]
  switch (provider.id) {
    case 'wordpress': {
      const me = parse(WordPressMe, await getJson(config, accessToken, profileUrl), 'WordPress.com profile')
      return identity('wordpress', me.ID, me.display_name || me.username, me.avatar_URL, me.email_verified ? me.email : undefined)
    }
    case 'x': {
      const {data} = parse(XMe, await getJson(config, accessToken, profileUrl), 'X profile')
      return identity('x', data.id, data.name || `@${data.username}`, data.profile_image_url)
    }
    case 'facebook': {
      const me = parse(FacebookMe, await getJson(config, accessToken, profileUrl), 'Facebook profile')
      // Facebook returns only a confirmed primary address, and only with the email permission.
      return identity('facebook', me.id, me.name, me.picture?.data.url, me.email)
    }
    case 'github': {
      const headers = {Accept: 'application/vnd.github+json', 'X-GitHub-Api-Version': '2022-11-28'}
      const user = parse(GitHubUser, await getJson(config, accessToken, profileUrl, headers), 'GitHub profile')
      const emails = emailsUrl ? parse(GitHubEmails, await getJson(config, accessToken, emailsUrl, headers), 'GitHub emails') : []
      const primary = emails.find((entry) => entry.primary && entry.verified)
      return identity('github', user.id, user.name || user.login, user.avatar_url, primary?.email)
    }
    default:
      throw new ProfileError(`${provider.id} is not an OAuth 2.0 provider`)
  }
}

/** Google: the ID token's claims, already checked by openid-client (signature, iss, aud, exp, nonce). */
export function googleIdentity(claims: unknown): ReaderIdentity {
  const token = parse(GoogleClaims, claims, 'Google ID token')
  return identity('google', token.sub, token.name || token.email || 'Google user', token.picture, token.email_verified ? token.email : undefined)
}
