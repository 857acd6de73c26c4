import {z} from 'zod'
import {localSettings} from '../local-settings'
import {DEFAULT_KEYS, startAkismetStandIn} from './server'

/**
 * The Akismet stand-in as a service: `npm start` forks it when no AKISMET_KEY is configured,
 * and it reports `{type: 'ready', url}` over IPC once it listens.
 */

const StandInEnv = {
  AKISMET_STANDIN_PORT: z.coerce.number().int().min(0).max(65535).default(0),
  AKISMET_STANDIN_HOST: z.string().min(1).default('127.0.0.1'),
  AKISMET_STANDIN_KEYS: z.string().default(DEFAULT_KEYS.join(',')),
  AKISMET_STANDIN_STRICT: z.enum(['0', '1']).default('0'),
}

async function main(): Promise<void> {
  const env = localSettings(StandInEnv, process.env, (siteUrl) => `The Akismet stand-in does not run for a public site (${siteUrl}); set AKISMET_KEY instead.`)
  const standIn = await startAkismetStandIn({
    port: env.AKISMET_STANDIN_PORT,
    host: env.AKISMET_STANDIN_HOST,
    keys: env.AKISMET_STANDIN_KEYS.split(',')
      .map((key) => key.trim())
      .filter(Boolean),
    strict: env.AKISMET_STANDIN_STRICT === '1',
  })
  console.log(`Akismet stand-in listening on ${standIn.url}`)
  process.send?.({type: 'ready', url: standIn.url})
  const stop = () => void standIn.close().then(() => process.exit(0))
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
  // Forked by npm start: when it goes away, so does the stand-in.
  process.on('disconnect', stop)
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error)
  process.exit(1)
})
