import {createHash} from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import {InvalidSettingError} from './invalid-setting'
import {isRole, type Role} from './roles'

/** A bearer token the lake accepts. Only its SHA-256 digest is kept, never the token. */
export interface LocalToken {
  name: string
  role: Role
  /** `p-local-<name>`: what `/users/me` reports, GROQ's `identity()` returns and transactions record. */
  userId: string
  digest: Buffer
}

export const MIN_TOKEN_LENGTH = 16
/** The name CONTENT_LAKE_TOKEN's user has. */
export const ADMINISTRATOR_NAME = 'administrator'

// Names become user ids, so they keep to the characters of Sanity's ids.
export const NAME = /^[a-z0-9][a-z0-9-]{0,63}$/
const SHA256_HEX = /^[0-9a-f]{64}$/i
const FIELDS = ['name', 'role', 'token', 'sha256']

export function digestToken(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest()
}

function localToken(name: string, role: Role, digest: Buffer): LocalToken {
  return {name, role, userId: `p-local-${name}`, digest}
}

/** A presentable token: long enough to resist guessing, and one word, as a bearer header carries it. */
function isUsableToken(token: string): boolean {
  return token.length >= MIN_TOKEN_LENGTH && !/\s/.test(token)
}

function parseEntry(value: unknown, where: string): LocalToken {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new InvalidSettingError(`${where} must be an object such as {"name": "site", "role": "viewer", "token": "…"}`)
  }
  const entry = value as Record<string, unknown>
  const unknown = Object.keys(entry).filter((key) => !FIELDS.includes(key))
  if (unknown.length > 0) {
    throw new InvalidSettingError(`${where} has unknown field(s) ${unknown.join(', ')}; the fields are ${FIELDS.join(', ')}`)
  }
  const {name, role, token, sha256} = entry
  if (typeof name !== 'string' || !NAME.test(name)) {
    throw new InvalidSettingError(`${where}: "name" must be lower-case letters, digits and dashes, got ${JSON.stringify(name)}`)
  }
  if (!isRole(role)) {
    throw new InvalidSettingError(`${where}: "role" must be "viewer", "editor" or "administrator", got ${JSON.stringify(role)}`)
  }
  if ((token === undefined) === (sha256 === undefined)) {
    throw new InvalidSettingError(`${where}: give either "token" or "sha256" (the token's SHA-256 in hex), not both or neither`)
  }
  if (token !== undefined) {
    if (typeof token !== 'string' || !isUsableToken(token)) {
      throw new InvalidSettingError(`${where}: "token" must be at least ${MIN_TOKEN_LENGTH} characters long, without spaces`)
    }
    return localToken(name, role, digestToken(token))
  }
  if (typeof sha256 !== 'string' || !SHA256_HEX.test(sha256)) {
    throw new InvalidSettingError(`${where}: "sha256" must be the token's SHA-256 as 64 hexadecimal digits`)
  }
  return localToken(name, role, Buffer.from(sha256, 'hex'))
}

/** A JSON file of token entries: CONTENT_LAKE_TOKENS_FILE, or the data folder's users file (users.ts). */
export function readTokensFile(file: string, label = 'CONTENT_LAKE_TOKENS_FILE'): LocalToken[] {
  const location = `${label} (${path.resolve(file)})`
  let text: string
  try {
    text = fs.readFileSync(file, 'utf8')
  } catch (error) {
    throw new InvalidSettingError(`Cannot read ${location}: ${error instanceof Error ? error.message : String(error)}`)
  }
  let entries: unknown
  try {
    entries = JSON.parse(text)
  } catch (error) {
    throw new InvalidSettingError(`${location} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`)
  }
  if (!Array.isArray(entries)) {
    throw new InvalidSettingError(`${location} must hold a JSON array of {"name", "role", "token" or "sha256"} objects`)
  }
  return entries.map((entry, index) => parseEntry(entry, `${location}, entry ${index + 1}`))
}

/**
 * Every token the lake accepts: CONTENT_LAKE_TOKEN as the administrator, then the tokens file's.
 * A name or a token may appear only once: each token has one user and one role.
 */
export function readTokens(administratorToken: string | undefined, file: string | undefined): LocalToken[] {
  const tokens = [
    ...(administratorToken ? [localToken(ADMINISTRATOR_NAME, 'administrator', digestToken(administratorToken))] : []),
    ...(file ? readTokensFile(file) : []),
  ]
  tokens.forEach((token, index) => {
    const earlier = tokens.slice(0, index)
    if (earlier.some((other) => other.name === token.name)) {
      const hint = token.name === ADMINISTRATOR_NAME && administratorToken ? ` (CONTENT_LAKE_TOKEN's user is "${ADMINISTRATOR_NAME}")` : ''
      throw new InvalidSettingError(`Two tokens are named "${token.name}"${hint}; names must be unique`)
    }
    const same = earlier.find((other) => other.digest.equals(token.digest))
    if (same) throw new InvalidSettingError(`"${token.name}" and "${same.name}" have the same token; each token must be unique`)
  })
  return tokens
}
