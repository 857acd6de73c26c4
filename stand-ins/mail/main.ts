import {z} from 'zod'
import {localSettings} from '../local-settings'
import {startMailCatcher} from './mail-catcher'

/**
 * The mail catcher as a service: `npm start` forks it when no SMTP_URL is configured, and it
 * reports `{type: 'ready', url, smtpUrl}` over IPC once both sides listen.
 */

const port = (fallback: number) => z.coerce.number().int().min(0).max(65535).default(fallback)

const CatcherEnv = {
  MAIL_CATCHER_SMTP_PORT: port(0),
  MAIL_CATCHER_PORT: port(3025),
  MAIL_CATCHER_HOST: z.string().min(1).default('127.0.0.1'),
  MAIL_CATCHER_FILE: z.string().min(1).optional(),
}

async function main(): Promise<void> {
  // A public site's email must really be delivered.
  const env = localSettings(CatcherEnv, process.env, (siteUrl) => `The mail catcher does not run for a public site (${siteUrl}); set SMTP_URL instead.`)
  const catcher = await startMailCatcher({
    smtpPort: env.MAIL_CATCHER_SMTP_PORT,
    webPort: env.MAIL_CATCHER_PORT,
    host: env.MAIL_CATCHER_HOST,
    ...(env.MAIL_CATCHER_FILE ? {file: env.MAIL_CATCHER_FILE} : {}),
  })
  console.log(`Mail catcher: SMTP on ${catcher.smtpUrl}, inbox on ${catcher.url}`)
  process.send?.({type: 'ready', url: catcher.url, smtpUrl: catcher.smtpUrl})
  const stop = () => void catcher.close().then(() => process.exit(0))
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
  // Forked by npm start: when it goes away, so does the catcher.
  process.on('disconnect', stop)
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error)
  process.exit(1)
})
