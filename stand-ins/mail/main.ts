import {z} from 'zod'
import {isPublicDeployment, parseEnvironment} from '~/env.server'
import {startMailCatcher} from './mail-catcher'

/**
 * The mail catcher as a service: `npm start` forks it when no SMTP_URL is configured, and it
 * reports `{type: 'ready', url, smtpUrl}` over IPC once both sides listen.
 */

const port = (fallback: number) => z.coerce.number().int().min(0).max(65535).default(fallback)

const CatcherEnv = z.object({
  MAIL_CATCHER_SMTP_PORT: port(0),
  MAIL_CATCHER_PORT: port(3025),
  MAIL_CATCHER_HOST: z.string().min(1).default('127.0.0.1'),
  MAIL_CATCHER_FILE: z.string().min(1).optional(),
  // Only to refuse to catch a public site's email, which must really be delivered.
  NODE_ENV: z.enum(['development', 'production', 'test']).default('production'),
  SITE_URL: z.url({protocol: /^https?$/}).default('http://localhost:3000'),
})

async function main(): Promise<void> {
  const env = parseEnvironment(CatcherEnv, process.env)
  if (isPublicDeployment(env)) {
    throw new Error(`The mail catcher does not run for a public site (${env.SITE_URL}); set SMTP_URL instead.`)
  }
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
