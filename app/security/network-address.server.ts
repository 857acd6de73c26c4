import {createHmac, type BinaryLike} from 'node:crypto'
import {isIP} from 'node:net'
import {derivedKeys} from '~/security/keys.server'

/**
 * The part of a network address that identifies where a request comes from, for rate limits:
 * a home or office usually holds a whole IPv4 /24 or IPv6 /48, so limiting single addresses
 * would let one sender rotate through their neighbours.
 */
export function networkPrefix(address: string): string {
  const plain = address.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, '')
  if (isIP(plain) === 4) return `${plain.split('.').slice(0, 3).join('.')}.0/24`
  if (isIP(plain) === 6) return `${expandIPv6(plain).slice(0, 3).join(':')}::/48`
  return 'unknown'
}

function expandIPv6(address: string): string[] {
  const withoutZone = address.split('%')[0]!
  const [head, tail] = withoutZone.split('::') as [string, string | undefined]
  const left = head ? head.split(':') : []
  const right = tail ? tail.split(':') : []
  const missing = tail === undefined ? 0 : 8 - left.length - right.length
  return [...left, ...Array<string>(missing).fill('0'), ...right].map((group) => group.toLowerCase().replace(/^0+(?=.)/, ''))
}

/**
 * A keyed hash of an address: the same address always gives the same value under the same
 * secret, so returning commenters and floods can be recognised, but the address can't be
 * recovered from what is stored (a plain hash of the 2^32 IPv4 addresses is reversible).
 */
export function hashNetworkAddress(address: string, keys: BinaryLike[] = derivedKeys('network-address-hash')): string {
  return createHmac('sha256', keys[0]!).update(address).digest('base64url')
}

/**
 * A keyed hash of the address's network (networkPrefix): what a moderator's ban or trust of a
 * network matches (decision 0235). Undefined when the address can't be read.
 */
export function hashNetworkPrefix(address: string, keys?: BinaryLike[]): string | undefined {
  const prefix = networkPrefix(address)
  return prefix === 'unknown' ? undefined : hashNetworkAddress(prefix, keys)
}
