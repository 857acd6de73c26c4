import {expect, test} from 'vitest'
import {hashNetworkAddress, networkPrefix} from './network-address.server'

test('IPv4 addresses are grouped by /24, also when written as IPv6-mapped', () => {
  expect(networkPrefix('203.0.113.9')).toBe('203.0.113.0/24')
  expect(networkPrefix('203.0.113.250')).toBe('203.0.113.0/24')
  expect(networkPrefix('::ffff:203.0.113.9')).toBe('203.0.113.0/24')
  expect(networkPrefix('203.0.114.9')).not.toBe(networkPrefix('203.0.113.9'))
})

test('IPv6 addresses are grouped by /48, however they are abbreviated', () => {
  expect(networkPrefix('2001:db8:abcd:12::1')).toBe('2001:db8:abcd::/48')
  expect(networkPrefix('2001:0db8:ABCD:0099:0:0:0:7')).toBe('2001:db8:abcd::/48')
  expect(networkPrefix('2001:db8::1')).toBe('2001:db8:0::/48')
  expect(networkPrefix('2001:db8:abce::1')).not.toBe(networkPrefix('2001:db8:abcd::1'))
})

test('something that is not an address is one bucket, not a way around the limit', () => {
  expect(networkPrefix('')).toBe('unknown')
  expect(networkPrefix('not-an-ip')).toBe('unknown')
})

test('address hashes are stable per secret and do not contain the address', () => {
  const key = [Buffer.alloc(32, 1)]
  const hash = hashNetworkAddress('203.0.113.9', key)
  expect(hash).toBe(hashNetworkAddress('203.0.113.9', key))
  expect(hash).not.toContain('203')
  expect(hash).not.toBe(hashNetworkAddress('203.0.113.9', [Buffer.alloc(32, 2)]))
  expect(hash).not.toBe(hashNetworkAddress('203.0.113.10', key))
})
