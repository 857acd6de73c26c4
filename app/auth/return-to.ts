/**
 * Where to send the reader after logging in or out: only a path on this site. The value is
 * first normalised as a browser would read it in a Location header (tabs and newlines dropped,
 * backslashes as slashes, dot-segments and encoded dots resolved), and only then checked:
 * `/..//evil.example` and `/%2e%2e//evil.example` normalise to `//evil.example`, which a
 * browser reads as another host, so they fall back to `fallback` like `https://evil.example`.
 */
const BASE = 'http://site.invalid'

/** A path a browser resolves to itself on this site; its first character alone is a slash. */
function isSitePath(path: string): boolean {
  let reread: URL
  try {
    reread = new URL(path, BASE)
  } catch {
    return false
  }
  return reread.origin === BASE && `${reread.pathname}${reread.search}${reread.hash}` === path && /^\/(?![/\\])/.test(path)
}

export function safeReturnTo(value: unknown, fallback = '/'): string {
  if (typeof value !== 'string' || value.length > 2000 || !value.startsWith('/')) return fallback
  let url: URL
  try {
    url = new URL(value, BASE)
  } catch {
    return fallback
  }
  // Encoded slashes and backslashes in the path are never in this site's addresses, and a
  // server that decodes them could turn them into another host.
  if (url.origin !== BASE || /%(2f|5c)/i.test(url.pathname)) return fallback
  const path = `${url.pathname}${url.search}${url.hash}`
  return isSitePath(path) ? path : fallback
}
