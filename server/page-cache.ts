import {hasSessionCookie, type StoredPage} from './http-cache'

/**
 * What a change touched, as the app names it (see app/sanity/page-dependencies.server.ts):
 * a list of dependency tags, or everything.
 */
export type Invalidation = readonly string[] | 'everything'

/** Stands for a page that named no dependencies: any change may have touched it. */
const ANY_CHANGE = '*'
/** How long the time of an eviction is remembered (longer than any render may take). */
const EVICTIONS_REMEMBERED_MS = 60_000

interface Entry {
  page: StoredPage
  tags: readonly string[]
}

/** When a tag was last evicted: the change's sequence number and time. */
interface Eviction {
  sequence: number
  at: number
}

/**
 * Finished anonymous pages kept in memory, so a busy post is rendered once per change rather
 * than once per reader. Correctness comes from the Content Lake's listen stream: a change
 * evicts the pages that depend on what it touched (each page is stored with the dependency
 * tags its loaders recorded; one that recorded none goes on any change), and while the stream
 * is down nothing is kept (there would be no way to know a page went stale).
 */
export class PageCache {
  private entries = new Map<string, Entry>()
  private byTag = new Map<string, Set<string>>()
  private bytes = 0
  /** Bumped on every change, so a page rendered before a change to what it shows is never stored after it. */
  private sequence = 0
  private evictions = new Map<string, Eviction>()
  /** The last change that touched everything, or any page (see ANY_CHANGE). */
  private everything: Eviction = {sequence: 0, at: Number.NEGATIVE_INFINITY}
  private anyChange: Eviction = {sequence: 0, at: Number.NEGATIVE_INFINITY}
  private live = false

  constructor(
    private readonly maxBytes = 64 * 1024 * 1024,
    private readonly maxPages = 5000,
    /** How long after a change the pages it touched are not kept. */
    private readonly settleMs = 3000,
    private readonly now = Date.now,
  ) {}

  /**
   * Published content changed. Sanity's CDN may still answer from before the change for a
   * moment after the listen stream reports it, so for `settleMs` the pages it touched are
   * rendered but not kept: a stale page can never stay in the cache until the next change.
   */
  changed(touched: Invalidation = 'everything'): void {
    const eviction = {sequence: ++this.sequence, at: this.now()}
    this.anyChange = eviction
    if (touched === 'everything') {
      this.everything = eviction
      this.dropAll()
      return
    }
    for (const tag of [...touched, ANY_CHANGE]) {
      this.evictions.set(tag, eviction)
      for (const key of this.byTag.get(tag) ?? []) this.drop(key)
    }
    for (const [tag, old] of this.evictions) if (eviction.at - old.at > EVICTIONS_REMEMBERED_MS) this.evictions.delete(tag)
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
    this.everything = {sequence: ++this.sequence, at: Number.NEGATIVE_INFINITY}
    this.dropAll()
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
    const entry = this.entries.get(key)
    if (entry) {
      // Most recently used last, so the oldest entry is the first to go when full.
      this.entries.delete(key)
      this.entries.set(key, entry)
    }
    return entry?.page
  }

  /** A token to hand back to `set`: a change in between to what the page shows makes it too old to keep. */
  begin(): number {
    return this.sequence
  }

  /** Keeps a page with the tags it depends on (none: it depends on everything). */
  set(key: string, page: StoredPage, started: number, tags: readonly string[] = []): void {
    const dependsOn = tags.length > 0 ? tags : [ANY_CHANGE]
    if (!this.live || !this.unchangedSince(started, dependsOn)) return
    if (page.body.byteLength > this.maxBytes / 16) return
    this.drop(key)
    this.entries.set(key, {page, tags: dependsOn})
    for (const tag of dependsOn) {
      const keys = this.byTag.get(tag) ?? new Set<string>()
      keys.add(key)
      this.byTag.set(tag, keys)
    }
    this.bytes += page.body.byteLength
    for (const oldKey of this.entries.keys()) {
      if (this.bytes <= this.maxBytes && this.entries.size <= this.maxPages) break
      this.drop(oldKey)
    }
  }

  /** Whether no change to these tags came after `started`, nor within the last `settleMs`. */
  private unchangedSince(started: number, tags: readonly string[]): boolean {
    const now = this.now()
    const evictions = [this.everything, ...(tags.includes(ANY_CHANGE) ? [this.anyChange] : tags.map((tag) => this.evictions.get(tag)))]
    return evictions.every((eviction) => !eviction || (eviction.sequence <= started && now - eviction.at >= this.settleMs))
  }

  private drop(key: string): void {
    const entry = this.entries.get(key)
    if (!entry) return
    this.entries.delete(key)
    this.bytes -= entry.page.body.byteLength
    for (const tag of entry.tags) {
      const keys = this.byTag.get(tag)
      keys?.delete(key)
      if (keys?.size === 0) this.byTag.delete(tag)
    }
  }

  private dropAll(): void {
    this.entries.clear()
    this.byTag.clear()
    this.bytes = 0
  }

  get size(): number {
    return this.entries.size
  }
}
