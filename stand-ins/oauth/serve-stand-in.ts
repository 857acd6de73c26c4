import {z} from 'zod'
import {localSettings} from '../local-settings'
import {startGoogleStandIn} from './google-stand-in'
import {startOAuth2StandIn} from './oauth2-stand-in'

/**
 * Runs one of the sign-in stand-ins as its own process (`npm start` forks main-oauth2.ts for
 * WordPress.com, X, Facebook and GitHub, and main-google.ts for Google). Reports
 * `{type: 'ready', url}` to the parent, and stops when the parent goes.
 */
const Client = z.object({
  provider: z.enum(['wordpress', 'x', 'facebook', 'github', 'google']),
  clientId: z.string().min(1),
  clientSecret: z.string().min(1),
  redirectUris: z.array(z.url()).min(1),
})

const StandInEnv = {
  /** The registered applications, as JSON: what a developer console would hold. */
  OAUTH_STANDIN_CLIENTS: z
    .string()
    .transform((text, ctx) => {
      try {
        return JSON.parse(text) as unknown
      } catch {
        ctx.addIssue({code: 'custom', message: 'must be JSON'})
        return z.NEVER
      }
    })
    .pipe(z.array(Client)),
  OAUTH_STANDIN_PORT: z.coerce.number().int().min(0).max(65535).default(0),
  GOOGLE_STANDIN_PORT: z.coerce.number().int().min(0).max(65535).default(0),
}

export async function serveStandIn(kind: 'oauth2' | 'google'): Promise<void> {
  const env = localSettings(StandInEnv, process.env, () => 'The sign-in stand-ins are for local use only; configure the real providers on a public deployment.')
  const running =
    kind === 'google'
      ? await startGoogleStandIn({
          port: env.GOOGLE_STANDIN_PORT,
          clients: env.OAUTH_STANDIN_CLIENTS.filter((client) => client.provider === 'google'),
        })
      : await startOAuth2StandIn({
          port: env.OAUTH_STANDIN_PORT,
          clients: env.OAUTH_STANDIN_CLIENTS.flatMap(({provider, ...client}) => (provider === 'google' ? [] : [{provider, ...client}])),
        })
  process.send?.({type: 'ready', url: running.url})
  const stop = () => void running.close().then(() => process.exit(0))
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
  process.on('disconnect', stop)
}
