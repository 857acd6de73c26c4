import {z} from 'zod'

const apiVersion = z.string().regex(/^(\d{4}-\d{2}-\d{2}|1|X)$/, 'must be a date such as 2025-02-19')
const datasetName = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, 'must be lower-case letters, digits, "_" or "-"')

const MIN_SECRET_LENGTH = 32

/**
 * Each of a comma-separated list of secrets must be long enough on its own: a long first
 * secret must not hide a short old one that still opens cookies. The message says which one
 * (by position), never the secret.
 */
function eachSecretLongEnough(value: string, context: z.RefinementCtx): void {
  const secrets = value.split(',').map((secret) => secret.trim())
  secrets.forEach((secret, index) => {
    if (secret.length >= MIN_SECRET_LENGTH) return
    const which = secrets.length === 1 ? '' : `secret ${index + 1} of ${secrets.length} (comma-separated) `
    context.addIssue({code: 'custom', message: `${which}must be at least ${MIN_SECRET_LENGTH} characters long`})
  })
}

const EnvSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('production'),
    /** Set it to use Sanity's hosted Content Lake; leave it unset for the local lake. */
    SANITY_PROJECT_ID: z
      .string()
      .regex(/^[a-z0-9-]+$/, 'must be the project ID shown at sanity.io/manage')
      .optional(),
    SANITY_DATASET: datasetName.default('production'),
    SANITY_API_VERSION: apiVersion.default('2025-02-19'),
    /** Server-side only: a token that may write (seeding now, comments later). */
    SANITY_API_WRITE_TOKEN: z.string().min(1).optional(),
    /** Server-side only: a token that may read drafts, for editors' previews (else the write token). */
    SANITY_API_READ_TOKEN: z.string().min(1).optional(),
    /**
     * Local lake only: a token of the lake's `reader` role for public pages. It reads only what
     * anonymous callers read, but the lake serves its queries ahead of theirs, so a flood of
     * anonymous queries cannot starve the site (on hosted Sanity the CDN does that job).
     */
    CONTENT_LAKE_READER_TOKEN: z.string().min(16).optional(),
    /** Where the local lake listens when no Sanity project is configured. */
    CONTENT_LAKE_URL: z.url({protocol: /^https?$/}).default('http://127.0.0.1:3334'),
    /** The site's public address (links in emails and feeds, canonical links, Akismet's `blog`). */
    SITE_URL: z.url({protocol: /^https?$/}).default('http://localhost:3000'),
    /**
     * Signs cookies (sessions, CSRF) and keys the hashes of network addresses. Comma-separated
     * to rotate: the first signs, all verify. Required on a public deployment.
     */
    SESSION_SECRET: z.string().superRefine(eachSecretLongEnough).optional(),
    /** Akismet API key; unset, every comment is held for a moderator (`npm start` uses a stand-in). */
    AKISMET_KEY: z
      .string()
      .regex(/^[A-Za-z0-9-]+$/, 'must be the key shown at akismet.com/account')
      .optional(),
    /** Akismet's REST address; a loopback one (the local stand-in) is refused on a public deployment. */
    AKISMET_API_URL: z.url({protocol: /^https?$/}).default('https://rest.akismet.com'),
    /** How long a spam check may take before the comment is held unchecked. */
    AKISMET_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(4000),
    /** Signs the lake's (or Sanity's) comment-status webhook to POST /hooks/comment-status. */
    COMMENT_WEBHOOK_SECRET: z.string().min(16, 'must be at least 16 characters long').optional(),
    /**
     * A SQLite file the site's processes on this machine share for rate limits and webhook replay
     * memory (app/security/shared-state.server.ts); unset, they live in this process's memory.
     */
    SITE_STATE_FILE: z.string().trim().min(1).optional(),
    /** Minutes after posting in which a comment's writer may edit or delete it; 0 turns it off. */
    COMMENT_EDIT_MINUTES: z.coerce.number().int().min(0).max(1440).default(15),
  })
  .refine((env) => !env.SITE_STATE_FILE || env.SESSION_SECRET, {
    // Rate-limit keys are hashed with a key derived from it: processes must derive the same one.
    message: 'SESSION_SECRET must be set when SITE_STATE_FILE is: every site process sharing the file must use the same secret',
    path: ['SITE_STATE_FILE'],
  })

export type Env = z.infer<typeof EnvSchema>

/** How to reach the Content Lake: Sanity's hosted API, or the local lake on loopback. */
export interface SanityConnection {
  mode: 'hosted' | 'local'
  projectId: string
  dataset: string
  apiVersion: string
  apiHost?: string
  useProjectHostname: boolean
  useCdn: boolean
}

export class EnvError extends Error {
  override name = 'EnvError'
}

/** Parses environment variables with a schema, reporting every bad one by name at once. */
export function parseEnvironment<T extends z.ZodType>(schema: T, source: Record<string, string | undefined>): z.infer<T> {
  const parsed = schema.safeParse(source)
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`)
    throw new EnvError(`Invalid environment variables:\n${problems.join('\n')}`)
  }
  return parsed.data
}

export function parseEnv(source: Record<string, string | undefined>): Env {
  return parseEnvironment(EnvSchema, source)
}

export function sanityConnection(env: Env): SanityConnection {
  if (env.SANITY_PROJECT_ID) {
    return {
      mode: 'hosted',
      projectId: env.SANITY_PROJECT_ID,
      dataset: env.SANITY_DATASET,
      apiVersion: env.SANITY_API_VERSION,
      useProjectHostname: true,
      useCdn: true,
    }
  }
  return {
    mode: 'local',
    // Any id works locally; @sanity/image-url uses it in image paths.
    projectId: 'local',
    dataset: env.SANITY_DATASET,
    apiVersion: env.SANITY_API_VERSION,
    apiHost: env.CONTENT_LAKE_URL.replace(/\/$/, ''),
    useProjectHostname: false,
    useCdn: false,
  }
}

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]'])

/**
 * A deployment readers can reach: a production build whose public address is not loopback.
 * `npm start` runs a production build on localhost, which is not one; local stand-ins for
 * hosted services are allowed only when this is false.
 */
export function isPublicDeployment(env: Pick<Env, 'NODE_ENV' | 'SITE_URL'>): boolean {
  return env.NODE_ENV === 'production' && !LOOPBACK_HOSTS.has(new URL(env.SITE_URL).hostname)
}

/** The secrets that sign cookies, newest first; a public deployment must configure its own. */
export function sessionSecrets(env: Pick<Env, 'NODE_ENV' | 'SITE_URL' | 'SESSION_SECRET'>): string[] {
  if (env.SESSION_SECRET) return env.SESSION_SECRET.split(',').map((secret) => secret.trim())
  if (isPublicDeployment(env)) {
    throw new EnvError('SESSION_SECRET must be set on a public deployment (32+ random characters).')
  }
  // Local runs without one still sign, but with a key that changes on every restart.
  developmentSecret ??= crypto.randomUUID() + crypto.randomUUID()
  return [developmentSecret]
}
let developmentSecret: string | undefined

let cached: Env | undefined

/** The environment, parsed once; a bad value stops the server with a message naming it. */
export function getEnv(): Env {
  cached ??= parseEnv(process.env)
  return cached
}
