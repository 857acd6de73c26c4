import type {IncomingMessage} from 'node:http'
import {timingSafeEqual} from 'node:crypto'
import {ANONYMOUS, type Access} from '../lake'
import {apiError} from './errors'

function sameToken(a: string, b: string): boolean {
  const left = Buffer.from(a)
  const right = Buffer.from(b)
  return left.length === right.length && timingSafeEqual(left, right)
}

/**
 * Reads the bearer token. No token means anonymous (published documents only); a token the
 * lake does not know is refused outright, as the hosted API does, rather than downgraded.
 */
export function authenticate(req: IncomingMessage, writeTokens: readonly string[]): Access {
  const header = req.headers.authorization
  if (!header) return ANONYMOUS
  const match = /^Bearer\s+(\S+)$/i.exec(header)
  const token = match?.[1]
  if (token && writeTokens.some((known) => sameToken(known, token))) {
    return {identity: 'local-administrator', canWrite: true, canReadPrivate: true}
  }
  throw apiError(401, 'Session not found')
}
