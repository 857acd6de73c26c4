import type {IncomingMessage, ServerResponse} from 'node:http'
import type {ContentLake} from '../lake'
import {clientAddress, type TrustedProxies} from './client-address'
import {busy} from './errors'

// A client told to wait tries again after this long.
const RETRY_AFTER_SECONDS = 5

/** The open listen streams of one lake, per client address and in all. */
class ListenSlots {
  private total = 0
  private readonly byAddress = new Map<string, number>()

  constructor(
    private readonly limits: ContentLake['config']['listenLimits'],
    private readonly proxies: TrustedProxies,
  ) {}

  hold(req: IncomingMessage, res: ServerResponse): void {
    const address = clientAddress(req, this.proxies)
    const held = this.byAddress.get(address) ?? 0
    if (held >= this.limits.perClient) {
      throw busy(429, `Too many open listeners from this address (at most ${this.limits.perClient})`, RETRY_AFTER_SECONDS)
    }
    if (this.total >= this.limits.total) {
      throw busy(429, `Too many open listeners (at most ${this.limits.total})`, RETRY_AFTER_SECONDS)
    }
    this.total++
    this.byAddress.set(address, held + 1)
    res.once('close', () => {
      this.total--
      const left = (this.byAddress.get(address) ?? 1) - 1
      if (left === 0) this.byAddress.delete(address)
      else this.byAddress.set(address, left)
    })
  }
}

const slots = new WeakMap<ContentLake, ListenSlots>()

/**
 * Takes one of the lake's listen slots for this stream until its response closes: a listener
 * holds a connection for as long as the client likes, so their number is bounded, per client
 * address (CONTENT_LAKE_LISTEN_MAX_PER_CLIENT) and in all (CONTENT_LAKE_LISTEN_MAX_TOTAL).
 * A 429 with Retry-After when none is left.
 */
export function holdListenSlot(lake: ContentLake, req: IncomingMessage, res: ServerResponse): void {
  let lakeSlots = slots.get(lake)
  if (!lakeSlots) {
    lakeSlots = new ListenSlots(lake.config.listenLimits, lake.config.trustProxy)
    slots.set(lake, lakeSlots)
  }
  lakeSlots.hold(req, res)
}
