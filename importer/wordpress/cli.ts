import fs from 'node:fs'
import {parseArgs} from 'node:util'
import {hashNetworkAddress} from '~/security/network-address.server'
import {getEnv, sanityConnection} from '~/env.server'
import {createSanityClient} from '~/sanity/client.server'
import {derivedKeys} from '~/security/keys.server'
import {localLakeToken, siteSessionSecret, stackConfig} from '../../scripts/stack-config'
import {importWordPress} from './import-wordpress'
import {progressBar} from './progress'
import {WxrError} from './wxr-reader'

/**
 * npm run import:wordpress -- <export.xml> [--media <folder>] [--dry-run] [--overwrite] [--no-download]
 *
 * Writes where `npm run seed` does (a Sanity project, or the local lake at CONTENT_LAKE_URL),
 * with SANITY_API_WRITE_TOKEN. Commenters' network addresses are stored as the site's keyed
 * hash, so SESSION_SECRET must be the site's own. Against the local lake both default to
 * what `npm start` keeps in its data folder, so an import there needs no settings.
 */
const USAGE = 'Usage: npm run import:wordpress -- <export.xml> [--media <folder>] [--dry-run] [--overwrite] [--no-download]'

function fail(message: string): never {
  console.error(message)
  process.exit(1)
}

const {values, positionals} = (() => {
  try {
    return parseArgs({
      allowPositionals: true,
      options: {
        media: {type: 'string'},
        'dry-run': {type: 'boolean', default: false},
        overwrite: {type: 'boolean', default: false},
        'no-download': {type: 'boolean', default: false},
        help: {type: 'boolean', default: false},
      },
    })
  } catch (error) {
    return fail(`${(error as Error).message}\n${USAGE}`)
  }
})()

if (values.help) {
  console.log(USAGE)
  process.exit(0)
}
const [file] = positionals
if (!file || positionals.length > 1) fail(USAGE)
if (!fs.existsSync(file) || !fs.statSync(file).isFile()) fail(`No export file at ${file}`)
if (values.media && !fs.existsSync(values.media)) fail(`No media folder at ${values.media}`)

const env = getEnv()
const connection = sanityConnection(env)
const local = connection.mode === 'local'
const token = env.SANITY_API_WRITE_TOKEN ?? (local ? localLakeToken(stackConfig(process.env)) : undefined)
if (!token) fail('Set SANITY_API_WRITE_TOKEN to a token with write access to import into the dataset.')
const sessionSecret = env.SESSION_SECRET ?? (local ? siteSessionSecret(stackConfig(process.env), process.env) : undefined)
if (!sessionSecret) fail("Set SESSION_SECRET to the site's own: commenters' addresses are stored as the site's keyed hash of them.")
const addressKeys = derivedKeys(
  'network-address-hash',
  sessionSecret.split(',').map((secret) => secret.trim()),
)

const progress = progressBar(fs.statSync(file).size)
try {
  const report = await importWordPress({
    file,
    client: createSanityClient(connection, token),
    dryRun: values['dry-run'],
    overwrite: values.overwrite,
    ...(values.media ? {mediaFolder: values.media} : {}),
    download: !values['no-download'],
    hashAddress: (address) => hashNetworkAddress(address, addressKeys),
    onProgress: (pass, bytes) => progress.update(pass === 'checking' ? 'Checking' : 'Importing', bytes),
  })
  progress.finish()
  process.stdout.write(report.format({dryRun: values['dry-run']}))
} catch (error) {
  progress.finish()
  if (error instanceof WxrError) fail(`${file}: ${error.message}. Nothing was written.`)
  throw error
}
