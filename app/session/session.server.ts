import {createCookieSessionStorage, type Session} from '@remix-run/node'
import type {PendingLogin} from '~/auth/login.server'
import type {ReaderIdentity} from '~/auth/providers'
import {getEnv, sessionSecrets} from '~/env.server'

/**
 * The reader's session: one signed, HttpOnly, SameSite=Lax cookie. It holds only what the
 * server needs to recognise the reader again (a CSRF secret, the ids of their own held
 * comments, the identity they signed in with); nothing in it is readable by scripts.
 */
export interface SessionData {
  /** Secret behind the reader's CSRF tokens. */
  csrf: string
  /** Ids of comments this reader submitted that may still be awaiting moderation. */
  ownComments: string[]
  /** A guest's name, email and website, kept when they ticked “Save my name, email, and website”. */
  savedDetails: {name: string; email: string; website: string}
  /** Set by social login: who the reader is at their provider. */
  identity: ReaderIdentity
  /** A log-in under way: what the provider's answer must match (app/auth/login.server.ts). */
  oauth: PendingLogin
  /** Id of the saved draft of a comment the reader had started when they went to log in (app/auth/comment-draft.server.ts). */
  commentDraft: string
}

let storage: ReturnType<typeof createStorage> | undefined

function createStorage() {
  const env = getEnv()
  return createCookieSessionStorage<SessionData>({
    cookie: {
      name: '__session',
      httpOnly: true,
      sameSite: 'lax',
      path: '/',
      secure: new URL(env.SITE_URL).protocol === 'https:',
      secrets: sessionSecrets(env),
      // A reader may come back to a half-written comment days later.
      maxAge: 60 * 60 * 24 * 30,
    },
  })
}

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

export function destroySession(session: ReaderSession): Promise<string> {
  return sessionStorage().destroySession(session)
}
