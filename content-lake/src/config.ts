import {type LogFormat, logFormatFromEnv} from './http/request-log'
import {isIP} from 'node:net'
import path from 'node:path'
import {backupSettings, type BackupSettings} from './backup/settings'
import {loadWebhooks, type Webhook, WebhookConfigError} from './webhooks/config'
import {parseOriginPatterns, type OriginPattern} from './cors-origins'
import {parseTrustedProxies, type TrustedProxies} from './http/client-address'
import {InvalidSettingError} from './invalid-setting'
import type {SyncLevel} from './store/sqlite'
import {readTokens, type LocalToken} from './tokens'

/** The HTTPS + HTTP/2 listener for browsers: Studio keeps more event streams open than HTTP/1.1 allows. */
export interface HttpsConfig {
  port: number
  /** Where the local CA and the server certificate live; `tls` inside `dataDir` when unset. */
  tlsDir?: string
  /** Names the server certificate must cover: the loopback names, then any extra ones. */
  hostnames: string[]
}

/** Browsers reach the lake on this machine by one of these. */
export const LOOPBACK_HOSTNAMES: readonly string[] = ['localhost', '127.0.0.1', '::1']

export interface LakeConfig {
  host: string
  port: number
  /** Folder holding one SQLite file per dataset. */
  dataDir: string
  /** CONTENT_LAKE_TOKEN: the administrator's token (also among `tokens`, as a digest), for `content-lake token`. */
  administratorToken?: string
  /**
   * SQLite `synchronous` level. `full` makes every acknowledged write survive power loss;
   * `normal` still survives a process crash and is faster.
   */
  sync: SyncLevel
  /** Absent when switched off (`CONTENT_LAKE_HTTPS_PORT=off`). */
  https?: HttpsConfig
  /** How often a quiet listener stream gets a keep-alive comment. */
  listenKeepAliveMs: number
  /** LOG_FORMAT: request and error lines as JSON (production's default) or short human ones. */
  logFormat: LogFormat
  /** Index-aware query planning; `CONTENT_LAKE_PLANNER=off` evaluates every query by full scan. */
  planner: boolean
  /** The project the lake pretends to be: asset paths and image URLs carry it. */
  projectId: string
  /**
   * Where clients reach the lake (no trailing slash), for asset URLs. Unset: each upload's
   * `Host` header decides.
   */
  publicUrl?: string
  /**
   * Every token the lake accepts, each with its user and role: CONTENT_LAKE_TOKEN (the
   * administrator) and those of CONTENT_LAKE_TOKENS_FILE.
   */
  tokens: LocalToken[]
  /** Browser origins that may call the API, with credentials (CORS). */
  corsOrigins: OriginPattern[]
  /** GROQ-powered webhooks, from the JSON file `CONTENT_LAKE_WEBHOOKS_FILE` names. */
  webhooks: Webhook[]
  /** A built Studio (`CONTENT_LAKE_STUDIO_DIR`) to serve at `/` on the HTTPS listener. */
  studioDir?: string
  /** How long a request body may stop arriving before it is answered 408 (`CONTENT_LAKE_BODY_IDLE_MS`). */
  bodyIdleMs: number
  /** Open listen streams allowed per client address and in all: each holds a connection. */
  listenLimits: {perClient: number; total: number}
  /**
   * Open presence sockets (Studio's avatars) allowed per client address and in all (one per
   * Studio tab), and how long one may stay silent before it is closed.
   */
  presenceLimits: {perClient: number; total: number; idleMs: number}
  /** The proxies (CONTENT_LAKE_TRUST_PROXY) whose X-Forwarded-For names the client; unset, none. */
  trustProxy: TrustedProxies
  /** Bounds on rendering image transforms, which cost CPU, memory and disk. */
  images: ImageLimits
  /** Bounds on GROQ queries and the worker threads that evaluate them. */
  queries: QuerySettings
  /** Days after a document's deletion until its history (revisions, logged mutations) is purged. */
  deletedHistoryDays: number
  /** Where backups go, how often the lake makes one, how many are kept. */
  backup: BackupSettings
}

export interface QuerySettings {
  /** The longest query text (query, listen) accepted, in bytes. */
  maxQueryBytes: number
  /** From a query's arrival to its answer, waiting for a worker included. */
  timeoutMs: number
  /** Worker threads, each holding a replica of the datasets it has queried. */
  workers: number
  /** Queries that may wait for a worker before the lake answers 503. */
  maxWaiting: number
}

export interface ImageLimits {
  /** Renders at once. */
  concurrency: number
  /** Renders that may wait for their turn; past that, a 503. */
  queue: number
  /** The time one render may take. */
  timeoutSeconds: number
  /** Larger source images are not transformed (only served as they are). */
  maxInputPixels: number
  /** The on-disk rendition cache's size; the least recently used go first. */
  cacheBytes: number
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

// A DNS name (letters, digits, hyphens, dots); certificates for anything else would not verify.
const DNS_NAME = /^(?=.{1,253}$)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/

function hostnames(value: string | undefined, project: string): string[] {
  const extra = (value ?? '')
    .split(',')
    .map((name) => name.trim().toLowerCase())
    .filter(Boolean)
  for (const name of extra) {
    if (!isIP(name) && !DNS_NAME.test(name)) {
      throw new ConfigError(`CONTENT_LAKE_TLS_HOSTNAMES must list host names or IP addresses, got "${name}"`)
    }
  }
  // Studio calls `<projectId>.<apiHost>` unless told otherwise; browsers resolve any
  // `*.localhost` to this machine, so the certificate covers `<projectId>.localhost` too.
  return [...new Set([...LOOPBACK_HOSTNAMES, `${project}.localhost`, ...extra])]
}

function https(env: NodeJS.ProcessEnv, project: string): HttpsConfig | undefined {
  if (env.CONTENT_LAKE_HTTPS_PORT === 'off') return undefined
  return {
    port: port('CONTENT_LAKE_HTTPS_PORT', env.CONTENT_LAKE_HTTPS_PORT, 3333),
    ...(env.CONTENT_LAKE_TLS_DIR ? {tlsDir: path.resolve(env.CONTENT_LAKE_TLS_DIR)} : {}),
    hostnames: hostnames(env.CONTENT_LAKE_TLS_HOSTNAMES, project),
  }
}

// Sanity's project ids: lower-case letters, digits and dashes.
const PROJECT_ID = /^[a-z0-9][a-z0-9-]{0,63}$/

function projectId(value: string | undefined): string {
  if (value === undefined || value === '') return 'local'
  if (!PROJECT_ID.test(value)) {
    throw new ConfigError(`CONTENT_LAKE_PROJECT_ID must be lower-case letters, digits and dashes, got "${value}"`)
  }
  return value
}

function publicUrl(value: string | undefined): string | undefined {
  if (value === undefined || value === '') return undefined
  let url: URL
  try {
    url = new URL(value)
  } catch {
    throw new ConfigError(`CONTENT_LAKE_PUBLIC_URL must be an absolute http(s) URL, got "${value}"`)
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.search || url.hash) {
    throw new ConfigError(`CONTENT_LAKE_PUBLIC_URL must be an http(s) URL without query or fragment, got "${value}"`)
  }
  return url.href.replace(/\/+$/, '')
}

function positiveInteger(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const value = env[name]
  if (value === undefined || value === '') return fallback
  const parsed = Number(value)
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(parsed) || parsed < 1) {
    throw new ConfigError(`${name} must be a whole number of at least 1, got "${value}"`)
  }
  return parsed
}

/** Runs the parser of one setting, reporting a bad value as a ConfigError. */
function setting<T>(parse: () => T): T {
  try {
    return parse()
  } catch (error) {
    if (error instanceof InvalidSettingError) throw new ConfigError(error.message)
    throw error
  }
}

function webhooks(file: string | undefined): Webhook[] {
  if (file === undefined || file === '') return []
  try {
    return loadWebhooks(file)
  } catch (error) {
    if (error instanceof WebhookConfigError) throw new ConfigError(`CONTENT_LAKE_WEBHOOKS_FILE (${file}): ${error.message}`)
    throw error
  }
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
  const dataDir = path.resolve(env.CONTENT_LAKE_DATA_DIR || '.data/content-lake')
  return {
    host: env.CONTENT_LAKE_HOST || '127.0.0.1',
    port: port('CONTENT_LAKE_PORT', env.CONTENT_LAKE_PORT, 3334),
    dataDir,
    ...(token ? {administratorToken: token} : {}),
    sync,
    listenKeepAliveMs: Number(env.CONTENT_LAKE_LISTEN_KEEPALIVE_MS) || 20_000,
    planner: env.CONTENT_LAKE_PLANNER !== 'off',
    logFormat: setting(() => logFormatFromEnv(env)),
    https: https(env, projectId(env.CONTENT_LAKE_PROJECT_ID)),
    projectId: projectId(env.CONTENT_LAKE_PROJECT_ID),
    publicUrl: publicUrl(env.CONTENT_LAKE_PUBLIC_URL),
    tokens: setting(() => readTokens(token || undefined, env.CONTENT_LAKE_TOKENS_FILE || undefined)),
    corsOrigins: setting(() => parseOriginPatterns(env.CONTENT_LAKE_CORS_ORIGINS)),
    webhooks: webhooks(env.CONTENT_LAKE_WEBHOOKS_FILE),
    ...(env.CONTENT_LAKE_STUDIO_DIR ? {studioDir: path.resolve(env.CONTENT_LAKE_STUDIO_DIR)} : {}),
    bodyIdleMs: positiveInteger(env, 'CONTENT_LAKE_BODY_IDLE_MS', 10_000),
    trustProxy: setting(() => parseTrustedProxies(env.CONTENT_LAKE_TRUST_PROXY)),
    listenLimits: {
      perClient: positiveInteger(env, 'CONTENT_LAKE_LISTEN_MAX_PER_CLIENT', 64),
      total: positiveInteger(env, 'CONTENT_LAKE_LISTEN_MAX_TOTAL', 1024),
    },
    presenceLimits: {
      perClient: positiveInteger(env, 'CONTENT_LAKE_PRESENCE_MAX_PER_CLIENT', 16),
      total: positiveInteger(env, 'CONTENT_LAKE_PRESENCE_MAX_TOTAL', 256),
      // Studio speaks every 30 s; a hidden tab's timers may run only once a minute.
      idleMs: positiveInteger(env, 'CONTENT_LAKE_PRESENCE_IDLE_MS', 5 * 60_000),
    },
    queries: {
      // Studio's and the site's queries are a few KB; groq-js takes time quadratic in a query's
      // length to parse it, so far longer ones are only good for keeping a worker busy.
      maxQueryBytes: positiveInteger(env, 'CONTENT_LAKE_QUERY_MAX_BYTES', 32 * 1024),
      timeoutMs: positiveInteger(env, 'CONTENT_LAKE_QUERY_TIMEOUT_MS', 5_000),
      workers: positiveInteger(env, 'CONTENT_LAKE_QUERY_WORKERS', 2),
      maxWaiting: positiveInteger(env, 'CONTENT_LAKE_QUERY_QUEUE', 64),
    },
    images: {
      concurrency: positiveInteger(env, 'CONTENT_LAKE_IMAGE_RENDERS', 2),
      queue: positiveInteger(env, 'CONTENT_LAKE_IMAGE_QUEUE', 16),
      timeoutSeconds: positiveInteger(env, 'CONTENT_LAKE_IMAGE_TIMEOUT_SECONDS', 10),
      maxInputPixels: positiveInteger(env, 'CONTENT_LAKE_IMAGE_MAX_INPUT_PIXELS', 50_000_000),
      cacheBytes: positiveInteger(env, 'CONTENT_LAKE_IMAGE_CACHE_MB', 512) * 1024 * 1024,
    },
    deletedHistoryDays: positiveInteger(env, 'CONTENT_LAKE_DELETED_HISTORY_DAYS', 30),
    backup: setting(() => backupSettings(env, dataDir)),
  }
}
