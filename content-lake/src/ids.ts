import {randomBytes} from 'node:crypto'

const DRAFTS_PREFIX = 'drafts.'
const VERSIONS_PREFIX = 'versions.'
const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'

// Sanity allows letters, digits, `_`, `-` and `.` as a path separator, up to 128 characters.
const DOCUMENT_ID = /^[A-Za-z0-9_-][A-Za-z0-9_.-]{0,127}$/

export function isValidDocumentId(id: unknown): id is string {
  return typeof id === 'string' && DOCUMENT_ID.test(id) && !id.includes('..') && !id.endsWith('.')
}

export function isDraftId(id: string): boolean {
  return id.startsWith(DRAFTS_PREFIX)
}

export function isVersionId(id: string): boolean {
  return id.startsWith(VERSIONS_PREFIX)
}

/** The id of the published document a draft or release version belongs to. */
export function publishedId(id: string): string {
  if (isDraftId(id)) return id.slice(DRAFTS_PREFIX.length)
  if (isVersionId(id)) return id.split('.').slice(2).join('.')
  return id
}

/**
 * Ids containing a dot live "in a path" (drafts, versions, private documents such as a
 * commenter's contact details): Sanity never serves them to unauthenticated requests.
 */
export function isPrivateId(id: string): boolean {
  return id.includes('.')
}

/** A random 22-character base62 string, the shape of the hosted API's ids and revisions. */
export function randomId(length = 22): string {
  const bytes = randomBytes(length * 2)
  let id = ''
  for (const byte of bytes) {
    // 248 is the largest multiple of 62 below 256: rejecting the rest keeps the alphabet uniform.
    if (byte < 248) id += BASE62[byte % 62]
    if (id.length === length) return id
  }
  return id + randomId(length - id.length)
}
