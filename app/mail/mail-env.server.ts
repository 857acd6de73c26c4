import {z} from 'zod'
import {type Env, getEnv, isPublicDeployment, parseEnvironment} from '~/env.server'

const MailEnv = z.object({
  /** smtp://host:587 (STARTTLS when offered) or smtps://user:pass@host:465; unset: no email. */
  SMTP_URL: z.url({protocol: /^smtps?$/, error: 'must be an smtp:// or smtps:// address'}).optional(),
  /** The sender, e.g. `"Life in Balance" <blog@example.com>`; defaults to no-reply@ the site's host. */
  MAIL_FROM: z
    .string()
    .regex(/^[^@\s]+@[^@\s]+$|<[^@\s<>]+@[^@\s<>]+>$/, 'must be an address, or "Name" <address>')
    .optional(),
})

export type MailEnv = z.infer<typeof MailEnv>

let cached: MailEnv | undefined

export function parseMailEnv(source: Record<string, string | undefined>): MailEnv {
  return parseEnvironment(MailEnv, source)
}

export function getMailEnv(): MailEnv {
  cached ??= parseMailEnv(process.env)
  return cached
}

/**
 * What the server says about email when it starts: nothing when SMTP is configured; a note
 * locally; a loud warning on a public deployment, where moderators would never hear of held
 * comments and commenters could not get their privacy links.
 */
export function mailStartupNotice(
  mail: MailEnv = getMailEnv(),
  env: Pick<Env, 'NODE_ENV' | 'SITE_URL'> = getEnv(),
): {level: 'warn' | 'info'; message: string} | null {
  if (mail.SMTP_URL) return null
  if (isPublicDeployment(env)) {
    return {
      level: 'warn',
      message: [
        '*** WARNING: SMTP_URL is not set, so this site sends NO email. ***',
        '*** Moderators are not told about held comments, commenters get no approval or reply notices,',
        '*** and nobody can receive a privacy (export / erase) link. Set SMTP_URL (see README "Email"). ***',
      ].join('\n'),
    }
  }
  return {level: 'info', message: 'SMTP_URL is not set: emails are logged and not sent.'}
}
