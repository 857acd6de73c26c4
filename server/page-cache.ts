import {hasSessionCookie, type StoredPage} from './http-cache'

/**
 * Finished anonymous pages kept in memory, so a busy post is rendered once per change rather
 * than once per reader. Correctness comes from the Content Lake's listen stream: every change
 * to published content empties the cache, and while the stream is down nothing is kept (there
 * would be no way to know a page went stale).
 */
export class PageCache {
  private pages = new Map<string, StoredPage>()
  private bytes = 0
  /** Bumped on every change, so a page rendered before a change is never stored after it. */
  private generation = 0
  private live = false
  /** Until then nothing is stored: see `changed`. */
  private quietUntil = 0

  constructor(
    private readonly maxBytes = 64 * 1024 * 1024,
    private readonly maxPages = 5000,
    /** How long after a change pages are not kept. */
    private readonly settleMs = 3000,
    private readonly now = Date.now,
  ) {}

  /**
   * Published content changed. Sanity's CDN may still answer from before the change for a
   * moment after the listen stream reports it, so for `settleMs` pages are rendered but not
   * kept: a stale page can never stay in the cache until the next change.
   */
  changed(): void {
    this.clear()
    this.quietUntil = this.now() + this.settleMs
  }

  /** The listen stream is connected: pages may be kept from now on. */
  markLive(): void {
    this.clear()
    this.live = true
  }

  /** The listen stream dropped: changes could go unseen, so keep nothing until it is back. */
  markLost(): void {
    this.live = false
    this.clear()
  }

  clear(): void {
    this.generation++
    this.pages.clear()
    this.bytes = 0
  }

  /**
   * Anonymous reads only: a reader with a session gets a page made for them. Pages depend on
   * the path and query alone (absolute links come from SITE_URL, not the Host header).
   */
  keyFor(method: string, pathAndQuery: string, cookieHeader: string | null | undefined): string | null {
    if (method !== 'GET' && method !== 'HEAD') return null
    if (hasSessionCookie(cookieHeader)) return null
    return pathAndQuery
  }

  get(key: string): StoredPage | undefined {
    const page = this.pages.get(key)
    if (page) {
      // Most recently used last, so the oldest entry is the first to go when full.
      this.pages.delete(key)
      this.pages.set(key, page)
    }
    return page
  }

  /** A token to hand back to `set`: a change in between makes the page too old to keep. */
  begin(): number {
    return this.generation
  }

  set(key: string, page: StoredPage, generation: number): void {
    if (!this.live || generation !== this.generation || this.now() < this.quietUntil) return
    if (page.body.byteLength > this.maxBytes / 16) return
    const previous = this.pages.get(key)
    if (previous) this.bytes -= previous.body.byteLength
    this.pages.delete(key)
    this.pages.set(key, page)
    this.bytes += page.body.byteLength
    for (const [oldKey, old] of this.pages) {
      if (this.bytes <= this.maxBytes && this.pages.size <= this.maxPages) break
      this.pages.delete(oldKey)
      this.bytes -= old.body.byteLength
    }
  }

  get size(): number {
    return this.pages.size
  }
}
