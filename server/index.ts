import path from 'node:path'
import {installGlobals} from '@remix-run/node'
import compression from 'compression'
import express from 'express'
import {z} from 'zod'
import {loadAppBuild} from './app-build'
import {bodyRules} from './body-limits'
import {canonicalTrailingSlash} from './canonical-paths'
import {refuseCrossOriginActions} from './cross-origin'
import {answerErrors} from './error-answers'
import {createSiteServer} from './http-server'
import {refuseUnreadableForms} from './form-bodies'
import {refuseMalformedUrls} from './malformed-urls'
import {createLogger, requestLog} from './request-log'
import {healthEndpoints} from './health'
import {PageCache} from './page-cache'
import {limitRequestBodies} from './request-body'
import {securityHeaders} from './security-headers'
import {pageCacheHits, siteRequestHandler} from './site-handler'
import {trustProxySetting} from './trust-proxy'

/** The site's HTTP server: static files, canonical addresses, then Remix. */

const ROOT = path.resolve(import.meta.dirname, '..')
// `npm run serve` runs the bundle in dist/; `npm start` runs this file through tsx.
const SERVED_FROM_BUILD = path.basename(import.meta.dirname) === 'dist'

const ServerEnv = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** Leave unset to listen on every interface (what a container or host needs). */
  HOST: z.string().min(1).optional(),
  NODE_ENV: z.enum(['development', 'production', 'test']).default('production'),
  /** The proxies in front of the site whose X-Forwarded-For is believed (see server/trust-proxy.ts). */
  TRUST_PROXY: z.string().optional(),
  /** Request lines as JSON (the default in production) or short human ones (`npm start`'s default). */
  LOG_FORMAT: z.enum(['json', 'pretty']).optional(),
})

installGlobals({nativeFetch: true})
const {build, services} = await loadAppBuild(ROOT)

let env: z.infer<typeof ServerEnv>
try {
  // Without it the site would take itself for a developer's copy on localhost, and leave off
  // what a public site must have (its own session secret, no stand-ins, HTTPS-only cookies).
  if (SERVED_FROM_BUILD && !process.env.SITE_URL) {
    throw new Error('SITE_URL must be set: the address readers use, such as https://blog.example.org (http://localhost:3000 to try the build locally).')
  }
  env = services.parseEnvironment(ServerEnv, process.env)
  // Refuses a stand-in Akismet on a public site; says loudly when comments will go unchecked.
  void services.startupAkismetCheck()
  // Says loudly when a public site writes with an administrator's token (an Editor's is enough).
  void services.writeTokenRoleWarning().then((warning) => warning && console.error(warning))
  // Says whether email goes out: loudly on a public site without SMTP_URL.
  const mailNotice = services.mailStartupNotice()
  if (mailNotice) console[mailNotice.level](mailNotice.message)
  // Deletes spam older than SPAM_RETENTION_DAYS (every 6 hours) and expired comment drafts (hourly).
  services.schedulePurges()
  // Checks the log-in providers' settings now; a sign-in stand-in on a public site stops it.
  services.configuredProviders()
  // Rate limits and webhook replay memory: a SITE_STATE_FILE that can't be opened stops the site now.
  services.openSharedState()
} catch (error) {
  console.error(error instanceof Error ? error.message : error)
  process.exit(1)
}
// A public pages' token that could read drafts or private documents stops the site.
const readerProblem = await services.readerTokenProblem()
if (readerProblem) {
  console.error(readerProblem)
  process.exit(1)
}

const app = express()
app.disable('x-powered-by')
app.set('trust proxy', trustProxySetting(env.TRUST_PROXY))
const logger = createLogger(env.LOG_FORMAT ?? (env.NODE_ENV === 'production' ? 'json' : 'pretty'))
app.use(requestLog(logger, services.withRequestId))
app.use(compression())
// Before anything answers, so every answer has them.
app.use(securityHeaders(services))
// The build is loaded before the server listens, so readiness only has the lake and shutdown to ask about.
let shuttingDown = false
app.use(healthEndpoints({shuttingDown: () => shuttingDown, lakeAnswers: services.lakeAnswers}))
// Bad input is refused here, before any of it is read further: see each module.
const bodyRuleFor = bodyRules(services.MAX_COMMENT_REQUEST_BYTES)
app.use(refuseMalformedUrls)
app.use(limitRequestBodies(bodyRuleFor))
app.use(refuseCrossOriginActions)
app.use(refuseUnreadableForms(bodyRuleFor))
// Anonymous pages are kept until published content they show changes, as the lake's listen
// stream says; a kept page is answered first, before the file lookups below.
const pageCache = new PageCache()
const stopWatching = services.watchContentChanges({
  onLive: () => pageCache.markLive(),
  onChange: (touched) => pageCache.changed(touched),
  onLost: () => pageCache.markLost(),
})
app.use(pageCacheHits(pageCache))
// Fingerprinted by the compiler, so they never change under the same name.
app.use(build.publicPath, express.static(build.assetsBuildDirectory, {immutable: true, maxAge: '1y'}))
app.use(express.static(path.join(ROOT, 'public'), {maxAge: '1h'}))
app.use(canonicalTrailingSlash)
const [nonceKey] = services.derivedKeys('script-nonce')
app.all('*', siteRequestHandler(build, env.NODE_ENV, {cache: pageCache, recordingPageDependencies: services.recordingPageDependencies}, nonceKey!))
app.use(answerErrors(logger))

const server = createSiteServer(app)
if (env.HOST) server.listen(env.PORT, env.HOST)
else server.listen(env.PORT)
server.once('listening', () => {
  const {port} = server.address() as {port: number}
  const url = `http://localhost:${port}`
  console.log(`Site listening on ${url}`)
  process.send?.({type: 'ready', url})
})

/** How long requests in flight when the site is told to stop may take before they are cut. */
const SHUTDOWN_GRACE_MS = 10_000

// New connections are refused at once; requests in flight finish (their keep-alive sockets
// closing as soon as they are idle) or are cut after the grace period.
function stop() {
  if (shuttingDown) return
  shuttingDown = true
  stopWatching()
  const closeIdle = setInterval(() => server.closeIdleConnections(), 100)
  setTimeout(() => server.closeAllConnections(), SHUTDOWN_GRACE_MS).unref()
  server.close(() => {
    clearInterval(closeIdle)
    process.exit(0)
  })
  server.closeIdleConnections()
}
process.on('SIGINT', stop)
process.on('SIGTERM', stop)
process.on('disconnect', stop)
