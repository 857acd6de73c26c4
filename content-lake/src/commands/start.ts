import {parseArgs} from 'node:util'
import {renditionsOf} from '../assets/renditions'
import {startBackupSchedule} from '../backup/schedule'
import {configFromEnv} from '../config'
import {ROLES} from '../roles'
import {listenAll} from '../http/secure-server'
import {SHUTDOWN_GRACE_MS} from '../http/server'
import {ContentLake} from '../lake'
import {trustHint} from '../tls/trust-command'
import {parseCommandLine} from './command-line'

/**
 * Serves the lake until stopped. When started by another Node process (the stack's start
 * script, the tests) it reports its addresses over IPC, so callers can ask for port 0 and
 * learn the real ones.
 */
export async function run(args: string[]): Promise<void> {
  parseCommandLine(() => parseArgs({args, options: {}, strict: true}))
  const lake = new ContentLake(configFromEnv())
  // Takes in (and trims to its cap) the image renditions earlier runs left on disk.
  renditionsOf(lake)
  const running = await listenAll(lake).catch((error: unknown) => {
    lake.close()
    throw error
  })
  console.log(`Content Lake listening on ${running.http.url} (data in ${lake.config.dataDir})`)
  if (running.https) {
    console.log(`HTTPS with HTTP/2 for browsers on ${running.https.url}`)
    console.log(running.https.caCreated ? trustHint(running.https.caPath) : `Local CA: ${running.https.caPath}`)
  }
  if (!lake.tokens.current().some((token) => ROLES[token.role].canWrite)) {
    console.log('No CONTENT_LAKE_TOKEN (or editor in CONTENT_LAKE_TOKENS_FILE) is set, so nothing can write: the lake is read-only.')
  }
  const backups = startBackupSchedule(lake.config)
  process.send?.({type: 'ready', url: running.http.url, ...(running.https ? {httpsUrl: running.https.url} : {})})

  let stopping = false
  const stop = async () => {
    if (stopping) return
    stopping = true
    // Readiness answers 503 at once, so a load balancer stops sending requests while those in flight finish.
    lake.beginShutdown()
    await backups?.close()
    // Requests in flight and webhook attempts in flight finish side by side, within one grace period.
    await Promise.all([running.close(), lake.finishWebhookDeliveries(SHUTDOWN_GRACE_MS)])
    lake.close()
    process.exit(0)
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
  process.on('disconnect', stop)
}
