import {type ChildProcess, fork} from 'node:child_process'
import path from 'node:path'
import {getEnv, isPublicDeployment, sanityConnection} from '~/env.server'
import {createSanityClient} from '~/sanity/client.server'
import {seedContent} from '../seed/seed-content'
import {DEFAULT_KEYS as AKISMET_STANDIN_KEYS} from '../stand-ins/akismet/server'
import {buildSiteIfStale} from './build-site'
import {buildStudioIfStale} from './build-studio'
import {siteOriginForLake, writeLakeWebhooks} from './comment-webhook'
import {siteEnvForStandIns, standInClients, standInNames} from './sign-in-stand-ins'
import {commentWebhookSecret, localLakeToken, siteLakeToken, siteReaderToken, siteSessionSecret, stackConfig, writeLakeTokens} from './stack-config'
import {recordInStackFile, writeStackFile} from './stack-file'

/**
 * `npm start`: builds what needs building, starts the local Content Lake (unless a Sanity
 * project is configured), seeds it on first run, starts the site, and stops it all on Ctrl-C.
 */

const ROOT = path.resolve(import.meta.dirname, '..')
const children: ChildProcess[] = []
let stopping = false

function log(line: string): void {
  console.log(line)
}

async function stop(code: number): Promise<never> {
  stopping = true
  await Promise.all(
    children.map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve()
          const force = setTimeout(() => child.kill('SIGKILL'), 5_000)
          child.once('exit', () => {
            clearTimeout(force)
            resolve()
          })
          child.kill('SIGTERM')
        }),
    ),
  )
  if (code === 0) log('Stopped.')
  process.exit(code)
}

function supervise(name: string, child: ChildProcess): ChildProcess {
  children.push(child)
  child.once('exit', (code, signal) => {
    if (stopping) return
    console.error(`${name} stopped unexpectedly (${signal ?? `exit code ${code}`}); stopping everything.`)
    void stop(1)
  })
  return child
}

/** The addresses a service reports when ready: its own, and the lake's HTTPS one for browsers. */
interface ServiceAddresses {
  url: string
  httpsUrl?: string
  /** The mail catcher's SMTP side. */
  smtpUrl?: string
}

/** Forks a TypeScript entry point and resolves with the addresses it reports when ready. */
function startService(name: string, entry: string, env: Record<string, string>): Promise<ServiceAddresses> {
  const child = supervise(
    name,
    fork(path.join(ROOT, entry), {
      cwd: ROOT,
      execArgv: ['--import', 'tsx'],
      // A terminal gets short request lines unless LOG_FORMAT asks for JSON.
      env: {LOG_FORMAT: 'pretty', ...process.env, ...env},
      // Out of the terminal's process group: on Ctrl-C this script stops its services in order.
      // Should this script die, they see the IPC channel close and stop themselves.
      detached: true,
    }),
  )
  return new Promise((resolve, reject) => {
    child.once('exit', () => reject(new Error(`${name} could not start (see above)`)))
    child.on('message', (message: {type?: string; url?: string; httpsUrl?: string; smtpUrl?: string}) => {
      if (message.type === 'ready' && message.url) resolve({url: message.url, httpsUrl: message.httpsUrl, smtpUrl: message.smtpUrl})
    })
  })
}

// Studio takes a token from the address only when it has at least this many characters.
const STUDIO_HASH_TOKEN_MIN = 32

/** Where to open the Studio: a link that signs in as the lake's administrator, kept private. */
function studioLines(httpsUrl: string, token: string): string[] {
  if (token.length < STUDIO_HASH_TOKEN_MIN) {
    return [`  Studio        ${httpsUrl}  (sign-in link needs a CONTENT_LAKE_TOKEN of ${STUDIO_HASH_TOKEN_MIN}+ characters)`]
  }
  return [`  Studio        ${httpsUrl}/#token=${token}`, `                (signs you in; your browser must trust the lake's local CA: see the README)`]
}

async function main(): Promise<void> {
  process.on('SIGINT', () => void stop(0))
  process.on('SIGTERM', () => void stop(0))

  const config = stackConfig(process.env)
  const connection = sanityConnection(getEnv())
  const siteAddress = process.env.SITE_URL ?? `http://localhost:${config.PORT}`
  writeStackFile(config.dataDir, {})
  buildSiteIfStale(log)

  const lines = ['', 'Life in Balance is running:']
  const siteEnv: Record<string, string> = {}
  if (connection.mode === 'local') {
    // Against a Sanity project the Studio is Sanity's to host (see the README), so only here.
    buildStudioIfStale(process.env, log)
    const token = localLakeToken(config)
    // The site gets an Editor's token of its own; the administrator's stays with the CLI and Studio.
    const siteToken = siteLakeToken(config)
    const readerToken = siteReaderToken(config)
    const tokensFile = writeLakeTokens(config.dataDir, {siteToken, readerToken, ownFile: process.env.CONTENT_LAKE_TOKENS_FILE})
    // Moderators' decisions reach the site through the lake's comment-status webhook.
    siteEnv.COMMENT_WEBHOOK_SECRET = commentWebhookSecret(config, process.env)
    const webhooksFile = writeLakeWebhooks(config.dataDir, {
      siteOrigin: siteOriginForLake(process.env.HOST, config.PORT),
      secret: siteEnv.COMMENT_WEBHOOK_SECRET,
      ownFile: process.env.CONTENT_LAKE_WEBHOOKS_FILE,
    })
    const lake = await startService('The Content Lake', 'content-lake/src/cli.ts', {
      CONTENT_LAKE_PORT: String(config.CONTENT_LAKE_PORT),
      CONTENT_LAKE_DATA_DIR: path.join(config.dataDir, 'content-lake'),
      CONTENT_LAKE_TOKEN: token,
      CONTENT_LAKE_STUDIO_DIR: path.join(ROOT, 'studio', 'dist'),
      CONTENT_LAKE_WEBHOOKS_FILE: webhooksFile,
      CONTENT_LAKE_TOKENS_FILE: tokensFile,
    })
    siteEnv.CONTENT_LAKE_URL = lake.url
    recordInStackFile(config.dataDir, {lakeUrl: lake.url})
    // The site writes comments with it; it never leaves the site's server.
    siteEnv.SANITY_API_WRITE_TOKEN = siteToken
    // Public pages read with it: what anyone may read, served ahead of anonymous queries.
    siteEnv.CONTENT_LAKE_READER_TOKEN = readerToken
    const outcome = await seedContent(createSanityClient({...connection, apiHost: lake.url}, token))
    log(
      {
        seeded: 'Seeded the original post and site settings.',
        'already-present': 'Content is already in the lake; nothing seeded.',
        'partly-present': 'Some seed content was changed or removed by editors; left as it is.',
      }[outcome],
    )
    lines.push(`  Content Lake  ${lake.url}  (data in ${path.relative(ROOT, config.dataDir) || '.'})`)
    if (lake.httpsUrl) {
      lines.push(`                ${lake.httpsUrl}  (HTTPS for browsers and Studio)`)
      lines.push(...studioLines(lake.httpsUrl, token))
    }
  } else {
    lines.push(`  Content       Sanity project ${connection.projectId}, dataset ${connection.dataset}`)
  }
  // Without a key, a local Akismet; a public site gets none (it holds every comment, loudly).
  if (!process.env.AKISMET_KEY && !isPublicDeployment({NODE_ENV: 'production', SITE_URL: siteAddress})) {
    const akismet = await startService('The Akismet stand-in', 'stand-ins/akismet/main.ts', {})
    siteEnv.AKISMET_KEY = AKISMET_STANDIN_KEYS[0]!
    siteEnv.AKISMET_API_URL = akismet.url
    recordInStackFile(config.dataDir, {akismetUrl: akismet.url})
    lines.push(`  Akismet       ${akismet.url}  (local stand-in; set AKISMET_KEY for the real service)`)
  }
  // Without SMTP_URL, a local mail catcher keeps what the site sends; a public site gets none
  // (it sends no email, and says so loudly).
  if (!process.env.SMTP_URL && !isPublicDeployment({NODE_ENV: 'production', SITE_URL: siteAddress})) {
    const mail = await startService('The mail catcher', 'stand-ins/mail/main.ts', {
      MAIL_CATCHER_FILE: path.join(config.dataDir, 'mail', 'messages.json'),
      SITE_URL: siteAddress,
    })
    if (mail.smtpUrl) siteEnv.SMTP_URL = mail.smtpUrl
    recordInStackFile(config.dataDir, {mailUrl: mail.url})
    lines.push(`  Mail          ${mail.url}  (emails the site sent)`)
  }
  // Log-in providers without a client id get local stand-ins; a public site gets none.
  const signInClients = isPublicDeployment({NODE_ENV: 'production', SITE_URL: siteAddress}) ? [] : standInClients(process.env, siteAddress)
  if (signInClients.length > 0) {
    const standInEnv = {OAUTH_STANDIN_CLIENTS: JSON.stringify(signInClients), SITE_URL: siteAddress}
    const oauth = signInClients.some(({provider}) => provider !== 'google')
      ? await startService('The sign-in stand-in', 'stand-ins/oauth/main-oauth2.ts', standInEnv)
      : undefined
    const oidc = signInClients.some(({provider}) => provider === 'google')
      ? await startService('The Google stand-in', 'stand-ins/oauth/main-google.ts', standInEnv)
      : undefined
    Object.assign(siteEnv, siteEnvForStandIns(signInClients, oauth?.url, oidc?.url))
    recordInStackFile(config.dataDir, {oauthUrl: oauth?.url, oidcUrl: oidc?.url})
    const [first, second] = [oauth?.url, oidc?.url].filter((url) => url !== undefined)
    lines.push(`  Sign-in       ${first}  (local stand-ins for ${standInNames(signInClients)})`)
    if (second) lines.push(`                ${second}  (Google's, an OpenID provider)`)
  }
  const {url: siteUrl} = await startService('The site', 'server/index.ts', {
    ...siteEnv,
    PORT: String(config.PORT),
    NODE_ENV: 'production',
    SITE_URL: siteAddress,
    SESSION_SECRET: siteSessionSecret(config, process.env),
  })
  recordInStackFile(config.dataDir, {siteUrl})
  lines.splice(2, 0, `  Site          ${siteUrl}`)
  log([...lines, '', 'Press Ctrl-C to stop.', ''].join('\n'))
}

main().catch(async (error: unknown) => {
  console.error(error instanceof Error ? error.message : error)
  await stop(1)
})
