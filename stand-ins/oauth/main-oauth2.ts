import {serveStandIn} from './serve-stand-in'

serveStandIn('oauth2').catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error)
  process.exit(1)
})
