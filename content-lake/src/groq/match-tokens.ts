/**
 * What groq-js 2.0.1's `match` sees, for the text index: a text's tokens and a pattern's
 * terms, split exactly as groq-js splits them (the version is pinned), so that the index can
 * only ever over-select. A term is matched case-insensitively against whole tokens, `*` being
 * any run of characters and `.` any one character (groq-js builds a regular expression from it).
 */

// Dots at a word's edge are dropped before splitting ("e.g." is the token "eg").
const EDGE_DOTS = /(\b\.+|\.+\b)/g
const TOKEN = /[^!@#$%^&*(),\\/?";:{}|[\]+<>\s-]+/g
const TERM = /[^!@#$%^&(),\\/?";:{}|[\]+<>\s-]+/g
// groq-js reads no more of a term than this.
const TERM_LENGTH = 1024

export function matchTokens(text: string): string[] {
  return text.replace(EDGE_DOTS, '').match(TOKEN) ?? []
}

export function matchTerms(pattern: string): string[] {
  return (pattern.replace(EDGE_DOTS, '').match(TERM) ?? []).map((term) => term.slice(0, TERM_LENGTH))
}

/**
 * A case-insensitive regular expression without the `u` flag compares characters by this
 * (ECMAScript's Canonicalize): a UTF-16 unit's upper case, unless that is longer than one unit
 * or would turn a non-ASCII character into an ASCII one.
 */
export function canonical(text: string): string {
  let result = ''
  for (let i = 0; i < text.length; i++) {
    const unit = text[i]!
    const upper = unit.toUpperCase()
    result += upper.length === 1 && !(unit.charCodeAt(0) >= 128 && upper.charCodeAt(0) < 128) ? upper : unit
  }
  return result
}

/**
 * What every token matching a pattern's terms must start with, one per term, canonical: the
 * term up to its first wildcard (`*`, or `.` which the regular expression reads as any
 * character). An empty prefix constrains nothing; no prefixes at all means the pattern has no
 * term, and then groq-js matches nothing.
 */
export function termPrefixes(patterns: readonly string[]): string[] {
  return patterns.flatMap(matchTerms).map((term) => canonical(term.split(/[*.]/, 1)[0]!))
}
