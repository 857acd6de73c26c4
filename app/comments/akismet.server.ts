import {AkismetClient} from 'akismet-api'
import {type Env, EnvError, getEnv, isPublicDeployment} from '~/env.server'
import packageJson from '../../package.json'

/**
 * The site's one door to Akismet, over `akismet-api` 6. The library has no timeout, cannot be
 * pointed at a loopback server as it is, and throws on some failures; this adapter adds the
 * timeout, the stand-in address, the site-wide parameters (blog, language, charset, is_test)
 * and turns every failure into "unchecked, because …" so a comment is held, never lost.
 */

/** One comment, in the parameter names Akismet documents; kept to be resent with reports. */
export interface AkismetCommentParams {
  user_ip: string
  user_agent: string
  referrer?: string
  permalink: string
  comment_type: 'comment' | 'reply'
  comment_author: string
  comment_author_email?: string
  comment_author_url?: string
  comment_content: string
  comment_date_gmt: string
  comment_post_modified_gmt?: string
  user_role?: string
  /** The hidden field's name and what was typed into it; Akismet gets both. */
  honeypot_field_name?: string
  honeypot_value?: string
}

export type SpamCheck = {verdict: 'spam' | 'ham'} | {verdict: 'unchecked'; reason: string}

export type AkismetSettings = Pick<Env, 'AKISMET_KEY' | 'AKISMET_API_URL' | 'AKISMET_TIMEOUT_MS' | 'NODE_ENV' | 'SITE_URL'>

export interface Akismet {
  checkComment(params: AkismetCommentParams): Promise<SpamCheck>
  /** Tells Akismet it missed a spam; throws when Akismet did not take the report. */
  reportSpam(params: AkismetCommentParams): Promise<void>
  /** Tells Akismet it wrongly called a comment spam; throws when Akismet did not take it. */
  reportHam(params: AkismetCommentParams): Promise<void>
  /** Whether the key is good: `no-key`, `valid`, `invalid`, or why it could not be asked. */
  verifyKey(): Promise<{status: 'no-key' | 'valid' | 'invalid'} | {status: 'unreachable'; reason: string}>
}

export const NO_KEY_REASON = 'no Akismet key configured'
const USER_AGENT = `LifeInBalance/${packageJson.version} | akismet-api/6.0.0`
const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/

/** An Akismet call that did not give an answer, with a reason a moderator can read. */
export class AkismetUnavailableError extends Error {
  override name = 'AkismetUnavailableError'
}

export function isLoopbackUrl(url: string): boolean {
  return LOOPBACK.test(new URL(url).hostname)
}

/**
 * The library's client for these settings, or null without a key. A loopback AKISMET_API_URL
 * is a local stand-in: refused on a public deployment, where it would wave every spam through.
 */
export function createAkismetClient(settings: AkismetSettings): AkismetClient | null {
  const url = new URL(settings.AKISMET_API_URL)
  const loopback = isLoopbackUrl(settings.AKISMET_API_URL)
  if (loopback && isPublicDeployment(settings)) {
    throw new EnvError(
      `AKISMET_API_URL is ${settings.AKISMET_API_URL}, a local stand-in, but ${settings.SITE_URL} is a public site: unset AKISMET_API_URL to use Akismet.`,
    )
  }
  if (url.pathname !== '/' || url.search) {
    throw new EnvError(`AKISMET_API_URL must be an origin only, like https://rest.akismet.com (got ${settings.AKISMET_API_URL}).`)
  }
  if (!settings.AKISMET_KEY) return null
  const client = new AkismetClient({
    key: settings.AKISMET_KEY,
    blog: settings.SITE_URL,
    host: url.host,
    protocol: url.protocol.slice(0, -1),
    userAgent: USER_AGENT,
    lang: 'en',
    charset: 'UTF-8',
  })
  if (loopback) {
    // akismet-api 6 sends the spam calls to https://<key>.<host>/, which cannot resolve for
    // a loopback address; the stand-in takes them keyless at its root instead.
    const endpoints = client as unknown as {endpoint: string; rootEndpoint: string}
    endpoints.endpoint = endpoints.rootEndpoint
  }
  return client
}

/** The library waits forever on a server that never answers; a reader should not. */
function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new AkismetUnavailableError(`Akismet did not answer within ${ms} ms`)), ms)
  })
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer))
}

/** A moderator-readable reason for a failed call (the library's errors are of several kinds). */
export function describeFailure(error: unknown): string {
  if (error instanceof AkismetUnavailableError) return error.message
  const failure = error as {status?: unknown; code?: unknown; message?: unknown; response?: {headers?: Record<string, string>}}
  if (typeof failure.status === 'number') {
    const retryAfter = failure.response?.headers?.['retry-after']
    if (failure.status === 429) return `Akismet is limiting this site's calls (HTTP 429${retryAfter ? `, retry after ${retryAfter} s` : ''})`
    return `Akismet answered HTTP ${failure.status}`
  }
  if (typeof failure.code === 'string') return `Akismet could not be reached (${failure.code})`
  if (failure.message === 'Invalid API key') return 'Akismet rejected the API key (AKISMET_KEY)'
  // Akismet's hint (X-akismet-debug-help) or its body: kept short for the moderator's list.
  return `Akismet refused the call: ${(typeof failure.message === 'string' ? failure.message : String(error)).slice(0, 200)}`
}

/**
 * The library's comment object: the honeypot goes as its name plus a field of that name, and
 * `is_test` (no training effect) on every call that is not from a public site.
 */
export function libraryComment(params: AkismetCommentParams, isTest: boolean): Parameters<AkismetClient['checkSpam']>[0] {
  const {honeypot_field_name: honeypotName, honeypot_value: honeypotValue, ...fields} = params
  return {
    ...fields,
    ...(honeypotName ? {honeypot_field_name: honeypotName, [honeypotName]: honeypotValue ?? ''} : {}),
    ...(isTest ? {is_test: true} : {}),
  }
}

export function createAkismet(settings: AkismetSettings): Akismet {
  let client: AkismetClient | null | undefined
  let configurationError: string | undefined
  try {
    client = createAkismetClient(settings)
  } catch (error) {
    // The server refuses to start on this (see startupAkismetCheck); a stray call still holds.
    configurationError = error instanceof Error ? error.message : String(error)
  }
  const comment = (params: AkismetCommentParams) => libraryComment(params, !isPublicDeployment(settings))

  async function report(kind: 'submitSpam' | 'submitHam', params: AkismetCommentParams): Promise<void> {
    if (configurationError) throw new AkismetUnavailableError(configurationError)
    // Without a key there is no account to report to, and nothing to hold.
    if (!client) return
    let response: unknown
    try {
      response = await withTimeout(client[kind](comment(params)), settings.AKISMET_TIMEOUT_MS)
    } catch (error) {
      throw new AkismetUnavailableError(describeFailure(error))
    }
    // The library resolves whatever the body says; Akismet refuses with `invalid` or a debug hint.
    const {text, headers} = (response ?? {}) as {text?: string; headers?: Record<string, string>}
    if (text === 'invalid' || headers?.['x-akismet-debug-help']) {
      throw new AkismetUnavailableError(`Akismet refused the report: ${headers?.['x-akismet-debug-help'] ?? text}`)
    }
  }

  return {
    async checkComment(params) {
      if (configurationError) return {verdict: 'unchecked', reason: configurationError}
      if (!client) return {verdict: 'unchecked', reason: NO_KEY_REASON}
      try {
        const spam = await withTimeout(client.checkSpam(comment(params)), settings.AKISMET_TIMEOUT_MS)
        return {verdict: spam ? 'spam' : 'ham'}
      } catch (error) {
        return {verdict: 'unchecked', reason: describeFailure(error)}
      }
    },
    reportSpam: (params) => report('submitSpam', params),
    reportHam: (params) => report('submitHam', params),
    async verifyKey() {
      if (configurationError) return {status: 'unreachable', reason: configurationError}
      if (!client) return {status: 'no-key'}
      try {
        return {status: (await withTimeout(client.verifyKey(), settings.AKISMET_TIMEOUT_MS)) ? 'valid' : 'invalid'}
      } catch (error) {
        return {status: 'unreachable', reason: describeFailure(error)}
      }
    },
  }
}

let shared: Akismet | undefined
const akismet = () => (shared ??= createAkismet(getEnv()))

export const checkComment = (params: AkismetCommentParams): Promise<SpamCheck> => akismet().checkComment(params)
export const reportSpam = (params: AkismetCommentParams): Promise<void> => akismet().reportSpam(params)
export const reportHam = (params: AkismetCommentParams): Promise<void> => akismet().reportHam(params)

/**
 * Run once when the server starts. Throws (the server must not start) for a stand-in address on
 * a public site; then checks the key in the background and says loudly when comments will all
 * be held: no key, or a key Akismet refuses. Also says when moderators' spam / not-spam
 * decisions cannot reach Akismet: without COMMENT_WEBHOOK_SECRET the comment-status webhook
 * is refused.
 */
export function startupAkismetCheck(settings: AkismetSettings & Pick<Env, 'COMMENT_WEBHOOK_SECRET'> = getEnv(), warn = console.warn): Promise<void> {
  createAkismetClient(settings)
  const publicSite = isPublicDeployment(settings)
  if (publicSite && !settings.COMMENT_WEBHOOK_SECRET) {
    warn(
      'COMMENT_WEBHOOK_SECRET is not set: /hooks/comment-status refuses every delivery, so moderators’ spam / not-spam decisions are not reported to Akismet and approved commenters are not told (see the README, "Spam checking").',
    )
  }
  return createAkismet(settings)
    .verifyKey()
    .then((result) => {
      if (result.status === 'valid') return
      if (result.status === 'no-key' && !publicSite) {
        warn('Akismet: AKISMET_KEY is not set; new comments will be held for a moderator, unchecked.')
        return
      }
      const headline = {
        'no-key': 'SPAM CHECKING IS OFF: AKISMET_KEY is not set.',
        invalid: `SPAM CHECKING IS OFF: Akismet refuses AKISMET_KEY (${settings.AKISMET_API_URL}).`,
        unreachable: `Akismet could not verify AKISMET_KEY: ${'reason' in result ? result.reason : ''}.`,
      }[result.status]
      const line = '!'.repeat(78)
      warn(
        [
          line,
          `!! ${headline}`,
          '!! New comments will be held for a moderator without a spam check until this is fixed.',
          '!! AKISMET_KEY is the key from https://akismet.com/account (see the README).',
          line,
        ].join('\n'),
      )
    })
}
