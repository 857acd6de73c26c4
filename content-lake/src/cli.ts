import {ConfigError, configFromEnv} from './config'
import {listen} from './http/server'
import {ContentLake} from './lake'

/**
 * Starts the lake. When started by another Node process (the stack's start script, the tests)
 * it reports its address over IPC, so callers can ask for port 0 and learn the real one.
 */
async function main(): Promise<void> {
  const lake = new ContentLake(configFromEnv())
  const running = await listen(lake)
  console.log(`Content Lake listening on ${running.url} (data in ${lake.config.dataDir})`)
  if (lake.config.writeTokens.length === 0) {
    console.log('No CONTENT_LAKE_TOKEN is set, so nothing can write: the lake is read-only.')
  }
  process.send?.({type: 'ready', url: running.url})

  let stopping = false
  const stop = async () => {
    if (stopping) return
    stopping = true
    await running.close()
    lake.close()
    process.exit(0)
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
  process.on('disconnect', stop)
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? `Configuration error: ${error.message}` : error)
  process.exit(1)
})
