import type {IncomingMessage} from 'node:http'
import {BlockList, isIP} from 'node:net'
import {InvalidSettingError} from '../invalid-setting'

/**
 * The proxies in front of the lake whose X-Forwarded-For is believed (CONTENT_LAKE_TRUST_PROXY):
 * behind Caddy every browser's connection comes from Caddy's address, so per-address limits
 * would count all of them as one client. Unset, none: X-Forwarded-For is ignored, as it must be
 * when anyone can connect directly and write the header themselves.
 */
export type TrustedProxies = BlockList | undefined

const LOOPBACK: readonly [string, number, 'ipv4' | 'ipv6'][] = [
  ['127.0.0.0', 8, 'ipv4'],
  ['::1', 128, 'ipv6'],
]

/** `loopback`, addresses and subnets (`10.0.0.0/8`), comma-separated. */
export function parseTrustedProxies(value: string | undefined): TrustedProxies {
  if (value === undefined || value.trim() === '') return undefined
  const list = new BlockList()
  for (const entry of value.split(',').map((part) => part.trim().toLowerCase())) {
    if (entry === 'loopback') {
      for (const [network, prefix, family] of LOOPBACK) list.addSubnet(network, prefix, family)
      continue
    }
    const [address = '', prefix] = entry.split('/')
    const family = isIP(address)
    const bits = prefix === undefined ? (family === 4 ? 32 : 128) : Number(prefix)
    if (family === 0 || !Number.isInteger(bits) || bits < 0 || bits > (family === 4 ? 32 : 128) || (prefix !== undefined && !/^\d+$/.test(prefix))) {
      throw new InvalidSettingError(`CONTENT_LAKE_TRUST_PROXY must list "loopback", addresses or subnets (e.g. 10.0.0.0/8), comma-separated, got "${entry}"`)
    }
    list.addSubnet(address, bits, family === 4 ? 'ipv4' : 'ipv6')
  }
  return list
}

function isTrusted(address: string, proxies: BlockList): boolean {
  const family = isIP(address)
  if (family === 0) return false
  // Node reports IPv4 peers of a dual-stack socket as ::ffff:a.b.c.d.
  const plain = address.startsWith('::ffff:') && isIP(address.slice(7)) === 4 ? address.slice(7) : address
  return proxies.check(plain, isIP(plain) === 4 ? 'ipv4' : 'ipv6')
}

/**
 * The caller's address: the connection's peer, or, when that is a trusted proxy, the nearest
 * address in X-Forwarded-For that is not one (each proxy appends the address it was reached from).
 */
export function clientAddress(req: IncomingMessage, proxies: TrustedProxies): string {
  const peer = req.socket.remoteAddress ?? 'unknown'
  if (!proxies || !isTrusted(peer, proxies)) return peer
  const header = req.headers['x-forwarded-for']
  const forwarded = (Array.isArray(header) ? header.join(',') : (header ?? ''))
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
  let address = peer
  for (const hop of forwarded.reverse()) {
    if (!isIP(hop)) return address
    address = hop
    if (!isTrusted(hop, proxies)) return hop
  }
  return address
}
