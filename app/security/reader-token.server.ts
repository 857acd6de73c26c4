import type {SanityClient} from '@sanity/client'
import {type Env, getEnv} from '~/env.server'
import {getPublicClient} from '~/sanity/client.server'
import {tokenRoles} from './write-token-role.server'

/**
 * Public pages must read only what anyone may read. CONTENT_LAKE_READER_TOKEN is there so the
 * local lake serves the site's queries ahead of anonymous ones; a token of any other role
 * (a viewer's, an editor's) would put drafts and private documents within reach of every page,
 * so the site refuses to start with one. Null when all is well, else why not.
 */
export async function readerTokenProblem(
  env: Pick<Env, 'CONTENT_LAKE_READER_TOKEN' | 'SANITY_PROJECT_ID'> = getEnv(),
  client: () => SanityClient = getPublicClient,
): Promise<string | null> {
  if (!env.CONTENT_LAKE_READER_TOKEN) return null
  if (env.SANITY_PROJECT_ID) {
    return 'CONTENT_LAKE_READER_TOKEN is for the local Content Lake only; with SANITY_PROJECT_ID set, unset it (public pages read token-less through Sanity’s CDN).'
  }
  const roles = await tokenRoles(client())
  // The lake is not up yet: nothing can be said now, and pages will fail until it is.
  if (roles === null) return null
  const named = roles.filter((role) => role !== undefined && role !== null)
  if (named.length > 0 && named.every((role) => role === 'reader')) return null
  return `CONTENT_LAKE_READER_TOKEN must be a token of the lake’s "reader" role (it reads only what anyone may read); the lake reports ${JSON.stringify(named)}.`
}
