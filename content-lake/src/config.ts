import path from 'node:path'

export type SyncLevel = 'full' | 'normal'

export interface LakeConfig {
  host: string
  port: number
  /** Folder holding one SQLite file per dataset. */
  dataDir: string
  /** Bearer tokens that may write. Requests without a token may only read published documents. */
  writeTokens: string[]
  /**
   * SQLite `synchronous` level. `full` makes every acknowledged write survive power loss;
   * `normal` still survives a process crash and is faster.
   */
  sync: SyncLevel
}

export class ConfigError extends Error {
  override name = 'ConfigError'
}

function port(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback
  const parsed = Number(value)
  if (!Number.isInteger(parsed) || parsed < 0 || parsed > 65535) {
    throw new ConfigError(`${name} must be a port number between 0 and 65535, got "${value}"`)
  }
  return parsed
}

/** Reads the lake's settings from the environment once, with a clear error for each bad value. */
export function configFromEnv(env: NodeJS.ProcessEnv = process.env): LakeConfig {
  const sync = env.CONTENT_LAKE_SYNC ?? 'full'
  if (sync !== 'full' && sync !== 'normal') {
    throw new ConfigError(`CONTENT_LAKE_SYNC must be "full" or "normal", got "${sync}"`)
  }
  const token = env.CONTENT_LAKE_TOKEN?.trim()
  if (token !== undefined && token !== '' && token.length < 16) {
    throw new ConfigError('CONTENT_LAKE_TOKEN must be at least 16 characters long')
  }
  return {
    host: env.CONTENT_LAKE_HOST || '127.0.0.1',
    port: port('CONTENT_LAKE_PORT', env.CONTENT_LAKE_PORT, 3334),
    dataDir: path.resolve(env.CONTENT_LAKE_DATA_DIR || '.data/content-lake'),
    writeTokens: token ? [token] : [],
    sync,
  }
}
