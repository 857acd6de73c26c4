/**
 * Counts events per key in a sliding window, in this process's memory. One site process is
 * the supported deployment; behind several, each enforces its own share of the limit.
 */
export class RateLimiter {
  private readonly events = new Map<string, number[]>()

  constructor(
    readonly limit: number,
    readonly windowMs: number,
  ) {}

  /** How long until the key may act again, in ms; 0 when it may now. */
  retryAfter(key: string, now = Date.now()): number {
    const recent = this.recent(key, now)
    return recent.length >= this.limit ? recent[0]! + this.windowMs - now : 0
  }

  hit(key: string, now = Date.now()): void {
    this.events.set(key, [...this.recent(key, now), now])
    this.prune(now)
  }

  private recent(key: string, now: number): number[] {
    const since = now - this.windowMs
    return (this.events.get(key) ?? []).filter((time) => time > since)
  }

  // Keys whose events have all expired are dropped, so memory follows current traffic.
  private prune(now: number): void {
    if (this.events.size < 10_000) return
    for (const key of this.events.keys()) {
      if (this.recent(key, now).length === 0) this.events.delete(key)
    }
  }
}
