import {createHmac} from 'node:crypto'
import {derivedKeys} from './keys.server'
import {sharedState} from './shared-state.server'

/**
 * Counts events per key in a sliding window, in the site's shared state (shared-state.server.ts):
 * behind several site processes, a limit holds for a reader whichever process answers.
 * Keys (networks, email addresses, accounts) are stored as keyed hashes, never as given.
 */
export class RateLimiter {
  constructor(
    /** Tells this limiter's events from other limiters' in the shared table. */
    readonly name: string,
    readonly limit: number,
    readonly windowMs: number,
  ) {}

  /** How long until the key may act again, in ms; 0 when it may now. */
  retryAfter(key: string, now = Date.now()): number {
    // The limit-th newest event within the window: once it is out of the window, there is room again.
    const row = statements().limitthNewest.get(this.name, hashed(key), now - this.windowMs, this.limit - 1)
    return row ? row.at + this.windowMs - now : 0
  }

  hit(key: string, now = Date.now()): void {
    const s = statements()
    // Expired events of every limiter go as new ones come, so the table follows current traffic.
    s.prune.run(now)
    s.insert.run(this.name, hashed(key), now, now + this.windowMs)
  }
}

/**
 * Records one event for each (limiter, key) when every one of them allows it now, as one step
 * that other processes can't interleave with; otherwise records nothing, so waiting is always
 * enough. Returns how long to wait (0: allowed and counted).
 */
export function takeIfAllowed(entries: readonly (readonly [RateLimiter, string])[], now = Date.now()): number {
  return sharedState()
    .transaction(() => {
      const wait = Math.max(0, ...entries.map(([limiter, key]) => limiter.retryAfter(key, now)))
      if (wait === 0) for (const [limiter, key] of entries) limiter.hit(key, now)
      return wait
    })
    .immediate()
}

let prepared: ReturnType<typeof prepare> | undefined

function prepare() {
  const db = sharedState()
  return {
    limitthNewest: db.prepare<[string, string, number, number], {at: number}>(
      'SELECT at FROM rate_events WHERE limiter = ? AND key = ? AND at > ? ORDER BY at DESC LIMIT 1 OFFSET ?',
    ),
    insert: db.prepare<[string, string, number, number]>('INSERT INTO rate_events (limiter, key, at, expires_at) VALUES (?, ?, ?, ?)'),
    prune: db.prepare<[number]>('DELETE FROM rate_events WHERE expires_at <= ?'),
  }
}

function statements() {
  prepared ??= prepare()
  return prepared
}

let hashKey: Buffer | undefined

function hashed(key: string): string {
  hashKey ??= derivedKeys('rate-limit-key')[0]!
  return createHmac('sha256', hashKey).update(key).digest('base64url')
}
