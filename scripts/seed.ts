import {getEnv, sanityConnection} from '~/env.server'
import {createSanityClient} from '~/sanity/client.server'
import {seedContent} from '../seed/seed-content'

/**
 * `npm run seed`: puts the original post into the configured dataset (a Sanity project, or
 * the local lake at CONTENT_LAKE_URL) if it holds none of it yet. Needs SANITY_API_WRITE_TOKEN.
 */
const env = getEnv()
if (!env.SANITY_API_WRITE_TOKEN) {
  console.error('Set SANITY_API_WRITE_TOKEN to a token with write access to seed the dataset.')
  process.exit(1)
}
const outcome = await seedContent(createSanityClient(sanityConnection(env), env.SANITY_API_WRITE_TOKEN))
console.log(`Seed: ${outcome}`)
