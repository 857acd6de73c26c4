import {createHmac, timingSafeEqual} from 'node:crypto'
import {derivedKeys} from './keys.server'

/**
 * Signed, expiring tokens for links sent by email or handed out by the server (moderation
 * one-click links, privacy requests, unsubscribe, draft previews). The payload is readable,
 * so it must hold ids, never secrets. `purpose` stops a token made for one job being used
 * for another.
 */
export interface TokenOptions {
  purpose: string
  /** Seconds until it stops working. */
  expiresIn: number
  now?: number
}

interface Envelope<T> {
  p: string
  exp: number
  d: T
}

function mac(body: string, key: Buffer): Buffer {
  return createHmac('sha256', key).update(body).digest()
}

export function signToken<T>(data: T, {purpose, expiresIn, now = Date.now()}: TokenOptions, keys = derivedKeys('signed-link')): string {
  const envelope: Envelope<T> = {p: purpose, exp: Math.floor(now / 1000) + expiresIn, d: data}
  const body = Buffer.from(JSON.stringify(envelope)).toString('base64url')
  return `${body}.${mac(body, keys[0]!).toString('base64url')}`
}

export type TokenCheck<T> = {ok: true; data: T} | {ok: false; reason: 'invalid' | 'expired'}

export function verifyToken<T>(token: string, purpose: string, {now = Date.now()}: {now?: number} = {}, keys = derivedKeys('signed-link')): TokenCheck<T> {
  const [body, signature] = token.split('.')
  if (!body || !signature) return {ok: false, reason: 'invalid'}
  const given = Buffer.from(signature, 'base64url')
  const signed = keys.some((key) => {
    const expected = mac(body, key)
    return expected.length === given.length && timingSafeEqual(expected, given)
  })
  if (!signed) return {ok: false, reason: 'invalid'}
  let envelope: Envelope<T>
  try {
    envelope = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as Envelope<T>
  } catch {
    return {ok: false, reason: 'invalid'}
  }
  if (envelope.p !== purpose) return {ok: false, reason: 'invalid'}
  if (envelope.exp * 1000 <= now) return {ok: false, reason: 'expired'}
  return {ok: true, data: envelope.d}
}
