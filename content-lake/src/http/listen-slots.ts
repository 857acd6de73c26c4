import type {EventEmitter} from 'node:events'
import type {IncomingMessage} from 'node:http'
import type {ContentLake} from '../lake'
import {clientAddress, type TrustedProxies} from './client-address'
import {busy} from './errors'

// A client told to wait tries again after this long.
const RETRY_AFTER_SECONDS = 5

interface SlotLimits {
  perClient: number
  total: number
}

/** Open long-lived connections of one kind (listen streams, presence sockets), per client address and in all. */
class ConnectionSlots {
  private total = 0
  private readonly byAddress = new Map<string, number>()

  constructor(
    private readonly what: string,
    private readonly limits: SlotLimits,
    private readonly proxies: TrustedProxies,
  ) {}

  /** Holds a slot until `holder` emits `close`; a 429 HttpError when none is left. */
  hold(req: IncomingMessage, holder: EventEmitter): void {
    const address = clientAddress(req, this.proxies)
    const held = this.byAddress.get(address) ?? 0
    if (held >= this.limits.perClient) {
      throw busy(429, `Too many open ${this.what} from this address (at most ${this.limits.perClient})`, RETRY_AFTER_SECONDS)
    }
    if (this.total >= this.limits.total) {
      throw busy(429, `Too many open ${this.what} (at most ${this.limits.total})`, RETRY_AFTER_SECONDS)
    }
    this.total++
    this.byAddress.set(address, held + 1)
    holder.once('close', () => {
      this.total--
      const left = (this.byAddress.get(address) ?? 1) - 1
      if (left === 0) this.byAddress.delete(address)
      else this.byAddress.set(address, left)
    })
  }
}

const slots = new WeakMap<ContentLake, {listeners: ConnectionSlots; sockets: ConnectionSlots}>()

function slotsOf(lake: ContentLake) {
  let lakeSlots = slots.get(lake)
  if (!lakeSlots) {
    const {listenLimits, presenceLimits, trustProxy} = lake.config
    lakeSlots = {
      listeners: new ConnectionSlots('listeners', listenLimits, trustProxy),
      sockets: new ConnectionSlots('presence sockets', presenceLimits, trustProxy),
    }
    slots.set(lake, lakeSlots)
  }
  return lakeSlots
}

/**
 * Takes one of the lake's listen slots for this stream until its response closes: a listener
 * holds a connection for as long as the client likes, so their number is bounded, per client
 * address (CONTENT_LAKE_LISTEN_MAX_PER_CLIENT) and in all (CONTENT_LAKE_LISTEN_MAX_TOTAL).
 * A 429 with Retry-After when none is left.
 */
export function holdListenSlot(lake: ContentLake, req: IncomingMessage, holder: EventEmitter): void {
  slotsOf(lake).listeners.hold(req, holder)
}

/**
 * The same for presence sockets (CONTENT_LAKE_PRESENCE_MAX_PER_CLIENT, …_MAX_TOTAL), counted
 * apart from listeners: a Studio tab holds one socket and several listen streams.
 */
export function holdSocketSlot(lake: ContentLake, req: IncomingMessage, holder: EventEmitter): void {
  slotsOf(lake).sockets.hold(req, holder)
}
