/**
 * Where to send the reader after logging in or out: only a path on this site. Anything that
 * a browser could read as another host (`https://evil.example`, `//evil.example`,
 * `/\evil.example`, control characters that browsers strip) falls back to `fallback`.
 */
const BASE = 'http://site.invalid'

export function safeReturnTo(value: unknown, fallback = '/'): string {
  if (typeof value !== 'string' || value.length > 2000) return fallback
  // One leading slash, then not another slash or a backslash; no backslashes or controls anywhere.
  if (!/^\/(?![/\\])/.test(value) || /[\\\u0000-\u001f\u007f]/.test(value)) return fallback
  let url: URL
  try {
    url = new URL(value, BASE)
  } catch {
    return fallback
  }
  if (url.origin !== BASE) return fallback
  return `${url.pathname}${url.search}${url.hash}`
}
