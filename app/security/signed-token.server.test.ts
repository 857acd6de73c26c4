import {expect, test} from 'vitest'
import {derivedKeys} from './keys.server'
import {signToken, verifyToken} from './signed-token.server'

const keys = derivedKeys('signed-link', ['k'.repeat(32)])
const now = Date.UTC(2026, 10, 27)

test('a token carries its data for its purpose until it expires', () => {
  const token = signToken({commentId: 'c1'}, {purpose: 'moderate', expiresIn: 60, now}, keys)
  expect(verifyToken(token, 'moderate', {now: now + 59_000}, keys)).toEqual({ok: true, data: {commentId: 'c1'}})
  expect(verifyToken(token, 'moderate', {now: now + 60_000}, keys)).toEqual({ok: false, reason: 'expired'})
})

test('a token made for one purpose is refused for another', () => {
  const token = signToken({commentId: 'c1'}, {purpose: 'unsubscribe', expiresIn: 60, now}, keys)
  expect(verifyToken(token, 'moderate', {now}, keys)).toEqual({ok: false, reason: 'invalid'})
})

test('changing the data or signing with another secret invalidates it', () => {
  const token = signToken({commentId: 'c1'}, {purpose: 'moderate', expiresIn: 60, now}, keys)
  const [, signature] = token.split('.')
  const forged = `${Buffer.from(JSON.stringify({p: 'moderate', exp: now / 1000 + 60, d: {commentId: 'c2'}})).toString('base64url')}.${signature}`
  expect(verifyToken(forged, 'moderate', {now}, keys).ok).toBe(false)
  expect(verifyToken(token, 'moderate', {now}, derivedKeys('signed-link', ['o'.repeat(32)])).ok).toBe(false)
  expect(verifyToken('garbage', 'moderate', {now}, keys).ok).toBe(false)
})
