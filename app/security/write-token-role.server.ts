import type {SanityClient} from '@sanity/client'
import {type Env, getEnv, isPublicDeployment} from '~/env.server'
import {getWriteClient} from '~/sanity/client.server'

/** The roles the lake (or hosted Sanity) names for the client's token at /users/me; null if it can't be asked. */
export async function tokenRoles(client: SanityClient): Promise<unknown[] | null> {
  let me: {role?: unknown; roles?: Array<{name?: unknown}>}
  try {
    me = await client.request({url: '/users/me'})
  } catch {
    return null
  }
  return [me.role, ...(Array.isArray(me.roles) ? me.roles.map((role) => role?.name) : [])]
}

/**
 * The site writes comments with SANITY_API_WRITE_TOKEN; an editor's token is all it needs. An
 * administrator's could also change the project's members, tokens, CORS and webhooks, so a
 * leak of the site's environment would give those away too. The lake (and hosted Sanity)
 * names the token's roles at /users/me; a public site running as an administrator says so
 * loudly at start. A token that can't be asked about is not reported: nothing is known.
 */
export async function writeTokenRoleWarning(
  env: Pick<Env, 'NODE_ENV' | 'SITE_URL' | 'SANITY_API_WRITE_TOKEN'> = getEnv(),
  client: () => SanityClient = getWriteClient,
): Promise<string | null> {
  if (!env.SANITY_API_WRITE_TOKEN || !isPublicDeployment(env)) return null
  const roles = await tokenRoles(client())
  if (!roles?.includes('administrator')) return null
  return [
    'WARNING: SANITY_API_WRITE_TOKEN is an administrator’s token. The site needs only an Editor token:',
    'create one (sanity.io/manage › API › Tokens, role Editor; locally `npm start` makes one) and use it instead,',
    'so that the site’s environment, if it leaks, cannot change the project’s members, tokens or webhooks.',
  ].join('\n')
}
