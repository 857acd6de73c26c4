import {createHash, randomBytes} from 'node:crypto'
import {redirect} from '@remix-run/node'
import * as oidc from 'openid-client'
import {MAX_COMMENT_REQUEST_BYTES} from '~/comments/comment-config.server'
import {getEnv} from '~/env.server'
import {isSameOrigin, originHeaders} from '~/security/same-origin.server'
import {signToken, verifyToken} from '~/security/signed-token.server'
import {commitSession, getSession, newSession, type PendingLogin, type ReaderSession, type SessionData} from '~/session/session.server'
import {callbackUrl, providerConfig} from './auth-config.server'
import {type DraftRefusal, saveCommentDraft} from './comment-draft.server'
import {oauthConfiguration} from './oauth-client.server'
import {googleIdentity, readOAuth2Profile} from './profiles.server'
import type {ReaderIdentity} from '../../contract/identity'
import {PROVIDER_NAMES, type ProviderId} from './providers'
import {safeReturnTo} from './return-to'

/*
 * Social log-in: the authorization code flow with `state`, PKCE (S256) and, for Google,
 * `nonce` and ID-token validation, all through openid-client. What the provider's answer
 * must match (a PendingLogin) waits in the reader's signed session; a successful log-in starts
 * a new session holding only who the reader is. Provider tokens are used to read the profile
 * and dropped.
 */

const PENDING_LIFETIME_MS = 10 * 60 * 1000
const LOGOUT_PURPOSE = 'logout'
export const LOGOUT_TOKEN_FIELD = 'logoutToken'

/** Refusals shown to the reader: a status and a sentence, never internals. */
export class LoginError extends Response {
  constructor(status: number, message: string, headers: Record<string, string> = {}) {
    super(message, {status, headers: {'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', ...headers}})
  }
}

function assertSameOrigin(request: Request): void {
  if (!isSameOrigin(originHeaders(request), new URL(getEnv().SITE_URL).origin)) {
    throw new LoginError(403, 'This request did not come from this site, so it was refused.')
  }
}

function configuredProvider(id: string | undefined) {
  const provider = id ? providerConfig(id as ProviderId) : undefined
  if (!provider) throw new LoginError(404, 'Log-in with this provider is not available on this site.')
  return provider
}

/** What a new session must not inherit: who the reader was, its CSRF secret, a log-in under way. */
const NOT_CARRIED = new Set<keyof SessionData>(['identity', 'csrf', 'oauth'])

/**
 * A fresh session for a new state of being logged in or out: a new CSRF secret, the new
 * identity (or none); the reader's own things (their comments, a draft, saved details) come along.
 */
async function rotated(from: ReaderSession, identity?: ReaderIdentity): Promise<ReaderSession> {
  const next = await newSession()
  for (const [key, value] of Object.entries(from.data) as [keyof SessionData, SessionData[keyof SessionData]][]) {
    if (!NOT_CARRIED.has(key) && !key.startsWith('__flash')) next.set(key, value)
  }
  if (identity) next.set('identity', identity)
  next.set('csrf', randomBytes(32).toString('base64url'))
  return next
}

/** The posted form; a body that is not one reads as an empty form (and fails the checks after). */
async function readForm(request: Request): Promise<FormData> {
  // The comment form at its limits is far smaller: anything bigger is not read at all.
  if (Number(request.headers.get('Content-Length') ?? 0) > MAX_COMMENT_REQUEST_BYTES) {
    throw new LoginError(413, 'Your comment is far longer than this blog takes, so it could not be kept while you log in. Please go back and shorten it.')
  }
  try {
    return await request.formData()
  } catch {
    return new FormData()
  }
}

/**
 * Keeps the started comment. One too long, or too many drafts kept from one network or session,
 * is refused with the reason (and nothing stored); a lake that can't take it now must not stop
 * the log-in.
 */
async function keepDraft(session: ReaderSession, form: FormData, returnTo: string, clientAddress: string): Promise<void> {
  let refusal: DraftRefusal | null
  try {
    refusal = await saveCommentDraft(session, form, returnTo, {clientAddress})
  } catch (error) {
    console.error(`Could not keep a comment draft: ${error instanceof Error ? error.message : String(error)}`)
    return
  }
  if (refusal) {
    throw new LoginError(refusal.status, refusal.message, refusal.retryAfterSeconds ? {'Retry-After': String(refusal.retryAfterSeconds)} : {})
  }
}

/**
 * POST /auth/<provider>: keeps the comment form's fields and sends the reader to the provider.
 * `clientAddress` is the reader's network address ('' when unknown), for the drafts' rate limit.
 */
export async function startLogin(request: Request, providerId: string | undefined, clientAddress = ''): Promise<Response> {
  assertSameOrigin(request)
  const provider = configuredProvider(providerId)
  const form = await readForm(request)
  const returnTo = safeReturnTo(form.get('returnTo'))
  const session = await getSession(request)
  await keepDraft(session, form, returnTo, clientAddress)

  let config: oidc.Configuration
  try {
    config = await oauthConfiguration(provider)
  } catch (error) {
    console.error(`${provider.id} discovery failed: ${error instanceof Error ? error.message : String(error)}`)
    throw new LoginError(503, `${PROVIDER_NAMES[provider.id]} cannot be reached just now. Please try again in a moment.`)
  }
  const codeVerifier = oidc.randomPKCECodeVerifier()
  const pending: PendingLogin = {
    provider: provider.id,
    state: oidc.randomState(),
    codeVerifier,
    ...(provider.kind === 'openid' ? {nonce: oidc.randomNonce()} : {}),
    returnTo,
    expiresAt: Date.now() + PENDING_LIFETIME_MS,
  }
  const url = oidc.buildAuthorizationUrl(config, {
    redirect_uri: callbackUrl(provider.id),
    response_type: 'code',
    scope: provider.scope,
    state: pending.state,
    code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: 'S256',
    ...(pending.nonce ? {nonce: pending.nonce} : {}),
  })
  session.set('oauth', pending)
  return redirect(url.href, {headers: {'Set-Cookie': await commitSession(session), 'Cache-Control': 'no-store'}})
}

/** GET /auth/<provider>/callback/: checks the provider's answer, reads the profile, logs in. */
export async function finishLogin(request: Request, providerId: string | undefined): Promise<Response> {
  const provider = configuredProvider(providerId)
  const session = await getSession(request)
  const pending = session.get('oauth')
  const requestUrl = new URL(request.url)
  // The address the provider redirected to, as registered (behind a proxy request.url may differ).
  const currentUrl = new URL(`${requestUrl.pathname}${requestUrl.search}`, getEnv().SITE_URL)
  const params = currentUrl.searchParams
  if (!pending || pending.provider !== provider.id || pending.expiresAt < Date.now() || params.get('state') !== pending.state) {
    throw new LoginError(400, 'This log-in was not started from this browser, or it took too long. Please go back to the post and log in again.')
  }
  session.unset('oauth')
  if (params.has('error')) {
    // The reader said no at the provider: back to the form, still a guest.
    return redirect(pending.returnTo, {headers: {'Set-Cookie': await commitSession(session)}})
  }

  let identity: ReaderIdentity
  try {
    const config = await oauthConfiguration(provider)
    const tokens = await oidc.authorizationCodeGrant(config, currentUrl, {
      expectedState: pending.state,
      pkceCodeVerifier: pending.codeVerifier,
      ...(provider.kind === 'openid' ? {expectedNonce: pending.nonce, idTokenExpected: true} : {}),
    })
    identity = provider.kind === 'openid' ? googleIdentity(tokens.claims()) : await readOAuth2Profile(provider, config, tokens.access_token)
    // `tokens` goes out of scope here: nothing of the provider's is kept.
  } catch (error) {
    console.error(`${provider.id} log-in failed: ${error instanceof Error ? error.message : String(error)}`)
    // The pending log-in is used up either way: a replayed answer finds nothing to match.
    throw new LoginError(400, `Logging in with ${PROVIDER_NAMES[provider.id]} did not work. Please go back to the post and try again.`, {
      'Set-Cookie': await commitSession(session),
    })
  }
  const next = await rotated(session, identity)
  return redirect(pending.returnTo, {headers: {'Set-Cookie': await commitSession(next), 'Cache-Control': 'no-store'}})
}

function sessionBinding(session: ReaderSession): string | undefined {
  const secret = session.get('csrf')
  return secret ? createHash('sha256').update(secret).digest('base64url') : undefined
}

/** The token a Log Out button carries: bound to this session, so another site can't log the reader out. */
export function issueLogoutToken(session: ReaderSession): string | undefined {
  const sid = sessionBinding(session)
  return sid ? signToken({sid}, {purpose: LOGOUT_PURPOSE, expiresIn: 30 * 24 * 60 * 60}) : undefined
}

/** POST /auth/logout: same-origin and this session's token, then a new session without the identity. */
export async function logout(request: Request, clientAddress = ''): Promise<Response> {
  assertSameOrigin(request)
  const session = await getSession(request)
  const form = await readForm(request)
  const token = form.get(LOGOUT_TOKEN_FIELD)
  const check = typeof token === 'string' ? verifyToken<{sid: string}>(token, LOGOUT_PURPOSE) : undefined
  const sid = sessionBinding(session)
  if (!check?.ok || !sid || check.data.sid !== sid) {
    throw new LoginError(403, 'This log-out could not be verified. Please reload the page and press Log Out again.')
  }
  const returnTo = safeReturnTo(form.get('returnTo'))
  // Log Out sits in the comment form, so a comment being written comes along and stays.
  await keepDraft(session, form, returnTo, clientAddress)
  const next = await rotated(session)
  return redirect(returnTo, {headers: {'Set-Cookie': await commitSession(next), 'Cache-Control': 'no-store'}})
}
