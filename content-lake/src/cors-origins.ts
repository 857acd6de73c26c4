import {InvalidSettingError} from './invalid-setting'

/** A browser origin the lake answers with CORS headers, as configured (`*` is a wildcard). */
export interface OriginPattern {
  source: string
  regex: RegExp
}

/** Studio (over HTTPS, and plain HTTP for a dev server) and the site. */
export const DEFAULT_CORS_ORIGINS = 'https://localhost:3333,http://localhost:3333,http://localhost:3000'

// Sanity's format: protocol://hostname[:port]. Host and port may hold `*`; IPv6 goes in brackets.
const PATTERN = /^(https?):\/\/([a-z0-9*.-]+|\[[0-9a-f:.]+\])(?::(\d{1,5}|\*))?\/?$/
const DEFAULT_PORTS: Record<string, string> = {http: '80', https: '443'}

function escapeForRegExp(text: string): string {
  return text.replace(/[.[\]]/g, '\\$&')
}

function parsePattern(source: string): OriginPattern {
  const match = PATTERN.exec(source.toLowerCase())
  const [, scheme, host, port] = match ?? []
  if (!scheme || !host) {
    throw new InvalidSettingError(
      `CONTENT_LAKE_CORS_ORIGINS must list origins as protocol://host[:port] (wildcards allowed, e.g. http://localhost:*), got "${source}"`,
    )
  }
  // A host wildcard spans labels (`https://*.example.org` covers `a.b.example.org`), never a port.
  const hostPattern = escapeForRegExp(host).replace(/\*/g, '[a-z0-9.-]+')
  // Browsers leave the default port out of an origin.
  const portPattern = port === undefined || port === DEFAULT_PORTS[scheme] ? '' : port === '*' ? String.raw`:\d{1,5}` : `:${port}`
  return {source, regex: new RegExp(`^${scheme}://${hostPattern}${portPattern}$`)}
}

/** The origins of CONTENT_LAKE_CORS_ORIGINS, comma-separated; the defaults when unset or empty. */
export function parseOriginPatterns(value: string | undefined): OriginPattern[] {
  const list = value === undefined || value.trim() === '' ? DEFAULT_CORS_ORIGINS : value
  return list
    .split(',')
    .map((source) => source.trim())
    .filter(Boolean)
    .map(parsePattern)
}

export function isOriginAllowed(patterns: readonly OriginPattern[], origin: string): boolean {
  const normalized = origin.toLowerCase()
  return patterns.some((pattern) => pattern.regex.test(normalized))
}
