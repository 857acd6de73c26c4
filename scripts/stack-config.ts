import {randomBytes} from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import {z} from 'zod'
import {parseEnvironment} from '~/env.server'

const port = (fallback: number) => z.coerce.number().int().min(1).max(65535).default(fallback)

const StackEnv = z.object({
  /** The site's port. */
  PORT: port(3000),
  CONTENT_LAKE_PORT: port(3334),
  /** Everything the stack keeps between runs; git-ignored. */
  DATA_DIR: z.string().min(1).default('.data'),
  CONTENT_LAKE_TOKEN: z.string().min(16, 'must be at least 16 characters long').optional(),
})

export type StackConfig = z.infer<typeof StackEnv> & {dataDir: string}

export function stackConfig(env: Record<string, string | undefined>): StackConfig {
  const parsed = parseEnvironment(StackEnv, env)
  return {...parsed, dataDir: path.resolve(parsed.DATA_DIR)}
}

/** A secret generated on the first run and kept (readable by this user only) in the data folder. */
function keptSecret(config: StackConfig, fileName: string): string {
  const file = path.join(config.dataDir, fileName)
  if (fs.existsSync(file)) return fs.readFileSync(file, 'utf8').trim()
  fs.mkdirSync(config.dataDir, {recursive: true})
  const secret = randomBytes(32).toString('base64url')
  fs.writeFileSync(file, `${secret}\n`, {mode: 0o600})
  return secret
}

/** The local lake's write token: CONTENT_LAKE_TOKEN if given, otherwise a kept one. */
export function localLakeToken(config: StackConfig): string {
  return config.CONTENT_LAKE_TOKEN ?? keptSecret(config, 'content-lake-token')
}

/** Signs the site's cookies: SESSION_SECRET if given, otherwise a kept one (sessions survive restarts). */
export function siteSessionSecret(config: StackConfig, env: Record<string, string | undefined>): string {
  return env.SESSION_SECRET ?? keptSecret(config, 'session-secret')
}

/** Signs the local lake's comment-status webhook: COMMENT_WEBHOOK_SECRET if given, otherwise a kept one. */
export function commentWebhookSecret(config: StackConfig, env: Record<string, string | undefined>): string {
  return env.COMMENT_WEBHOOK_SECRET ?? keptSecret(config, 'comment-webhook-secret')
}
