import {createCookie, createSession, type Session} from '@remix-run/node'
import type {ProviderId, ReaderIdentity} from '../../contract/identity'
import {getEnv} from '~/env.server'
import {derivedKeys} from '~/security/keys.server'
import {seal, unseal} from '~/security/sealed.server'

/**
 * The reader's session: one HttpOnly, SameSite=Lax cookie, sealed (AES-256-GCM) rather than
 * only signed: it holds what nobody who gets hold of the cookie should read (a saved email
 * address, the CSRF secret, a log-in's PKCE verifier). Sealed with the
 * first SESSION_SECRET; cookies sealed with any of the others are still opened, so secrets
 * rotate without logging readers out. A cookie that does not open is a fresh session.
 */
/** A log-in under way: what the provider's answer must match (app/auth/login.server.ts). */
export interface PendingLogin {
  provider: ProviderId
  state: string
  codeVerifier: string
  nonce?: string
  returnTo: string
  /** ms; a log-in left unfinished this long must be started again. */
  expiresAt: number
}

export interface SessionData {
  /** Secret behind the reader's CSRF tokens. */
  csrf: string
  /** Ids of comments this reader submitted that may still be awaiting moderation. */
  ownComments: string[]
  /**
   * Those of `ownComments` held because their writer may be in crisis: shown to them with
   * where to get help now, not "awaiting moderation". Kept here, with the id, so the page
   * never reads the hold's reason back from the lake.
   */
  careComments: string[]
  /** A guest's name, email and website, kept when they ticked “Save my name, email, and website”. */
  savedDetails: {name: string; email: string; website: string}
  /** Set by social login: who the reader is at their provider. */
  identity: ReaderIdentity
  /** A log-in under way: what the provider's answer must match (app/auth/login.server.ts). */
  oauth: PendingLogin
  /** Id of the saved draft of a comment the reader had started when they went to log in (app/auth/comment-draft.server.ts). */
  commentDraft: string
}

// Browsers drop cookies longer than this.
const MAX_COOKIE_LENGTH = 4096

function createStorage() {
  const env = getEnv()
  const keys = derivedKeys('session-cookie')
  // Not signed by Remix: the seal is the signature (GCM's tag fails on any change).
  const cookie = createCookie('__session', {
    httpOnly: true,
    sameSite: 'lax',
    path: '/',
    secure: new URL(env.SITE_URL).protocol === 'https:',
    // A reader may come back to a half-written comment days later.
    maxAge: 60 * 60 * 24 * 30,
  })
  return {
    async getSession(cookieHeader?: string | null): Promise<Session<SessionData>> {
      const sealed: unknown = cookieHeader ? await cookie.parse(cookieHeader) : null
      const data = typeof sealed === 'string' ? unseal<Partial<SessionData>>(sealed, keys) : null
      return createSession<SessionData>((data ?? {}) as SessionData)
    },
    async commitSession(session: Session<SessionData>): Promise<string> {
      const header = await cookie.serialize(seal(session.data, keys))
      if (header.length > MAX_COOKIE_LENGTH) throw new Error(`The session cookie would be ${header.length} characters, more than browsers keep.`)
      return header
    },
  }
}

let storage: ReturnType<typeof createStorage> | undefined

function sessionStorage() {
  storage ??= createStorage()
  return storage
}

export type ReaderSession = Session<SessionData>

export function getSession(request: Request): Promise<ReaderSession> {
  return sessionStorage().getSession(request.headers.get('Cookie'))
}

/** An empty session, for starting afresh (a new session at log-in and log-out). */
export function newSession(): Promise<ReaderSession> {
  return sessionStorage().getSession()
}

export function commitSession(session: ReaderSession): Promise<string> {
  return sessionStorage().commitSession(session)
}
