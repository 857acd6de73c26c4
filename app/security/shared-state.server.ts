import Database from 'better-sqlite3'
import {getEnv} from '~/env.server'

/**
 * The little state the site's processes must agree on: rate-limit events and the webhook
 * deliveries already handled. It lives in SQLite: with SITE_STATE_FILE, a file that every site
 * process on this machine opens (WAL lets them read and write side by side, and a write
 * transaction is one process's at a time), so a limit or a replayed delivery counts the same
 * whichever process answers; without it, in this process's memory, for a single process.
 */

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS rate_events (
    limiter TEXT NOT NULL,
    key TEXT NOT NULL,
    at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
  );
  CREATE INDEX IF NOT EXISTS rate_events_by_key ON rate_events (limiter, key, at);
  CREATE INDEX IF NOT EXISTS rate_events_by_expiry ON rate_events (expires_at);

  CREATE TABLE IF NOT EXISTS handled_deliveries (
    key TEXT PRIMARY KEY,
    until INTEGER NOT NULL
  ) WITHOUT ROWID;
  CREATE INDEX IF NOT EXISTS handled_deliveries_by_until ON handled_deliveries (until);
`

function open(file: string | undefined): Database.Database {
  const db = new Database(file ?? ':memory:')
  if (file) {
    db.pragma('journal_mode = WAL')
    // Losing the last moment of rate-limit events to a power cut is harmless; an fsync per comment is not free.
    db.pragma('synchronous = NORMAL')
    db.pragma('busy_timeout = 5000')
  }
  db.transaction(() => db.exec(SCHEMA)).immediate()
  return db
}

let db: Database.Database | undefined

export function sharedState(): Database.Database {
  db ??= open(getEnv().SITE_STATE_FILE)
  return db
}

/** Opens the store at start, so a SITE_STATE_FILE that cannot be opened stops the site then, not at the first comment. */
export function openSharedState(): void {
  sharedState()
}
