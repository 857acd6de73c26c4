import type {IncomingMessage} from 'node:http'
import {timingSafeEqual} from 'node:crypto'
import {ANONYMOUS, type Access} from '../lake'
import {ROLES} from '../roles'
import {digestToken, type LocalToken} from '../tokens'
import {apiError} from './errors'

/**
 * The known token matching `presented`, if any. Digests have one length, so every comparison
 * takes the same time, and all tokens are compared: the timing tells nothing about which
 * token, or how much of one, matched.
 */
function findToken(tokens: readonly LocalToken[], presented: string): LocalToken | undefined {
  const digest = digestToken(presented)
  let found: LocalToken | undefined
  for (const token of tokens) {
    if (timingSafeEqual(token.digest, digest) && !found) found = token
  }
  return found
}

function accessFor(token: LocalToken): Access {
  const {canWrite, canReadPrivate} = ROLES[token.role]
  return {identity: token.userId, role: token.role, canWrite, canReadPrivate}
}

/**
 * Reads the bearer token. No token means anonymous (published documents only); a token the
 * lake does not know is refused outright, as the hosted API does, rather than downgraded.
 */
export function authenticate(req: IncomingMessage, tokens: readonly LocalToken[]): Access {
  const header = req.headers.authorization
  if (!header) return ANONYMOUS
  const known = bearerToken(header, tokens)
  if (known) return accessFor(known)
  throw apiError(401, 'Session not found')
}

/** The known token of an `Authorization: Bearer …` value, if any (also what Studio's presence socket sends in its first message). */
export function bearerToken(authorization: string, tokens: readonly LocalToken[]): LocalToken | undefined {
  const match = /^Bearer\s+(\S+)$/i.exec(authorization)
  return match?.[1] ? findToken(tokens, match[1]) : undefined
}

/** The caller's token, for endpoints about the caller; 401 without one, as the hosted API answers. */
export function requireUser(access: Access, tokens: readonly LocalToken[]): LocalToken {
  const token = tokens.find((candidate) => candidate.userId === access.identity)
  if (!token) throw apiError(401, 'Unauthorized - a token is required')
  return token
}
