import {createClient, type SanityClient} from '@sanity/client'
import {getEnv, sanityConnection, type SanityConnection} from '~/env.server'

export function createSanityClient(connection: SanityConnection, token?: string): SanityClient {
  return createClient({
    projectId: connection.projectId,
    dataset: connection.dataset,
    apiVersion: connection.apiVersion,
    useProjectHostname: connection.useProjectHostname,
    ...(connection.apiHost ? {apiHost: connection.apiHost} : {}),
    // A token makes the hosted API skip its CDN; tokenless reads may use it.
    useCdn: connection.useCdn && !token,
    ...(token ? {token} : {}),
    perspective: 'published',
  })
}

let publicClient: SanityClient | undefined

/**
 * The client behind every public page. It carries no token, so whatever it reads the public
 * could read too: drafts and private documents are out of its reach by construction.
 */
export function getPublicClient(): SanityClient {
  publicClient ??= createSanityClient(sanityConnection(getEnv()))
  return publicClient
}

let writeClient: SanityClient | undefined

/**
 * The server's client for comments and commenters' private details: it carries the write
 * token, so it can read private documents. Only server code that handles comments uses it;
 * nothing it reads reaches a page unless that code picks it out on purpose.
 */
export function getWriteClient(): SanityClient {
  if (!writeClient) {
    const env = getEnv()
    if (!env.SANITY_API_WRITE_TOKEN) {
      throw new Error('SANITY_API_WRITE_TOKEN is not set: the site cannot store or read comments without it.')
    }
    writeClient = createSanityClient(sanityConnection(env), env.SANITY_API_WRITE_TOKEN)
  }
  return writeClient
}
