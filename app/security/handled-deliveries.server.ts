import {sharedState} from './shared-state.server'

// Only signed deliveries are remembered, so this bounds the table only against a flood by the sender.
const REMEMBERED_DELIVERIES = 10_000

let prepared: ReturnType<typeof prepare> | undefined

function prepare() {
  const db = sharedState()
  return {
    db,
    until: db.prepare<[string], {until: number}>('SELECT until FROM handled_deliveries WHERE key = ?'),
    forgetExpired: db.prepare<[number]>('DELETE FROM handled_deliveries WHERE until <= ?'),
    forgetOldest: db.prepare<[number]>(
      'DELETE FROM handled_deliveries WHERE key IN (SELECT key FROM handled_deliveries ORDER BY until DESC LIMIT -1 OFFSET ?)',
    ),
    remember: db.prepare<[string, number]>('INSERT OR REPLACE INTO handled_deliveries (key, until) VALUES (?, ?)'),
  }
}

function statements() {
  prepared ??= prepare()
  return prepared
}

/**
 * Webhook deliveries handled successfully (by signature and idempotency key) until the given
 * time, in the site's shared state: a delivery replayed to another site process is known there too.
 */
export function rememberHandled(keys: readonly string[], until: number, now: number): void {
  const s = statements()
  s.db.transaction(() => {
    s.forgetExpired.run(now)
    for (const key of keys) s.remember.run(key, until)
    s.forgetOldest.run(REMEMBERED_DELIVERIES)
  })()
}

export function wasHandled(keys: readonly string[], now: number): boolean {
  const s = statements()
  return keys.some((key) => (s.until.get(key)?.until ?? 0) > now)
}
