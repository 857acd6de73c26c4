import {expect, test} from 'vitest'
import {derivedKeys} from './keys.server'
import {seal, unseal} from './sealed.server'

const [current, retired] = ['c'.repeat(32), 'r'.repeat(32)]

test('a sealed value opens with the same secret and reveals nothing in its text', () => {
  const keys = derivedKeys('sealed-record', [current])
  const sealed = seal({user_ip: '203.0.113.9'}, keys)
  expect(sealed).not.toContain('203.0.113.9')
  expect(unseal(sealed, keys)).toEqual({user_ip: '203.0.113.9'})
})

test('values sealed before a secret rotation still open while the old secret is listed', () => {
  const sealed = seal('x', derivedKeys('sealed-record', [retired]))
  expect(unseal(sealed, derivedKeys('sealed-record', [current, retired]))).toBe('x')
  expect(unseal(sealed, derivedKeys('sealed-record', [current]))).toBeNull()
})

test('a tampered value does not open', () => {
  const keys = derivedKeys('sealed-record', [current])
  const sealed = seal('hello', keys)
  const parts = sealed.split('.')
  parts[3] = Buffer.from('jello').toString('base64url')
  expect(unseal(parts.join('.'), keys)).toBeNull()
  expect(unseal('not sealed', keys)).toBeNull()
})

test('each purpose has its own key', () => {
  expect(derivedKeys('sealed-record', [current])[0]).not.toEqual(derivedKeys('network-address-hash', [current])[0])
})
