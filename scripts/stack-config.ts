import {createHash, randomBytes} from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import {z} from 'zod'
import {parseEnvironment} from '~/env.server'
import {writeLakeSettingsFile} from './lake-settings-file'

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

/**
 * The site's own token for the local lake: an Editor's, kept. The administrator's token
 * (localLakeToken) stays with the CLI and the Studio sign-in link; the site can write comments
 * and read private documents with this one, but not manage the lake.
 */
export function siteLakeToken(config: StackConfig): string {
  return keptSecret(config, 'site-lake-token')
}

export const SITE_TOKEN_NAME = 'site'

/**
 * The token behind the site's public pages on the local lake: the lake's `reader` role reads
 * only what anonymous callers read, but its queries go ahead of anonymous callers' ones.
 */
export function siteReaderToken(config: StackConfig): string {
  return keptSecret(config, 'site-reader-token')
}

export const SITE_READER_TOKEN_NAME = 'site-reader'

const digestOf = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex')

/**
 * Writes `<dataDir>/content-lake-tokens.json` for CONTENT_LAKE_TOKENS_FILE: the developer's own
 * tokens (from their CONTENT_LAKE_TOKENS_FILE, if any), the site's Editor token and its public
 * reader token, which the file holds only as SHA-256 digests. Returns its path.
 */
export function writeLakeTokens(dataDir: string, {siteToken, readerToken, ownFile}: {siteToken: string; readerToken: string; ownFile?: string}): string {
  return writeLakeSettingsFile(dataDir, 'content-lake-tokens.json', {setting: 'CONTENT_LAKE_TOKENS_FILE', ownFile}, [
    {name: SITE_TOKEN_NAME, role: 'editor', sha256: digestOf(siteToken)},
    {name: SITE_READER_TOKEN_NAME, role: 'reader', sha256: digestOf(readerToken)},
  ])
}

/** Signs the site's cookies: SESSION_SECRET if given, otherwise a kept one (sessions survive restarts). */
export function siteSessionSecret(config: StackConfig, env: Record<string, string | undefined>): string {
  return env.SESSION_SECRET ?? keptSecret(config, 'session-secret')
}

/** Signs the local lake's comment-status webhook: COMMENT_WEBHOOK_SECRET if given, otherwise a kept one. */
export function commentWebhookSecret(config: StackConfig, env: Record<string, string | undefined>): string {
  return env.COMMENT_WEBHOOK_SECRET ?? keptSecret(config, 'comment-webhook-secret')
}
