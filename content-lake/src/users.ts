import {randomBytes} from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import type {Role} from './roles'
import {ADMINISTRATOR_NAME, digestToken, type LocalToken, NAME, readTokensFile} from './tokens'

/**
 * Studio's people, one sign-in token each: `users.json` in the data folder, written by
 * `content-lake users` and read by a running lake whenever it changes (live-tokens.ts). Only
 * each token's SHA-256 is kept; the token itself is shown once, when the user is added.
 */
export const USERS_FILE = 'users.json'

const USERS_LABEL = 'the users file'

interface UserEntry {
  name: string
  role: Role
  sha256: string
}

export function usersFile(dataDir: string): string {
  return path.join(dataDir, USERS_FILE)
}

/** The users, or none when the file does not exist yet. */
export function readUsers(file: string): LocalToken[] {
  return fs.existsSync(file) ? readTokensFile(file, USERS_LABEL) : []
}

export class UserError extends Error {
  override name = 'UserError'
}

// Replaced in one rename, so a running lake reads the old list or the new one, never half of one.
function writeUsers(file: string, users: readonly LocalToken[]): void {
  const entries: UserEntry[] = users.map(({name, role, digest}) => ({name, role, sha256: digest.toString('hex')}))
  fs.mkdirSync(path.dirname(file), {recursive: true})
  const temporary = `${file}.${process.pid}.tmp`
  fs.writeFileSync(temporary, `${JSON.stringify(entries, null, 2)}\n`, {mode: 0o600})
  fs.renameSync(temporary, file)
}

/** Adds a user with a new random token and returns the token: the only time it can be seen. */
export function addUser(file: string, name: string, role: Role): string {
  if (!NAME.test(name))
    throw new UserError(`A user's name must be lower-case letters, digits and dashes (it becomes the user id p-local-${name}), got "${name}"`)
  if (name === ADMINISTRATOR_NAME) throw new UserError(`"${ADMINISTRATOR_NAME}" is CONTENT_LAKE_TOKEN's user; choose another name`)
  const users = readUsers(file)
  if (users.some((user) => user.name === name)) throw new UserError(`There is already a user "${name}"; remove it first to give them a new sign-in`)
  // 43 characters: past the 32 that Studio needs to take a token from its address.
  const token = randomBytes(32).toString('base64url')
  writeUsers(file, [...users, {name, role, userId: `p-local-${name}`, digest: digestToken(token)}])
  return token
}

/** Removes a user; their token stops working within a second on a running lake. False when there was none. */
export function removeUser(file: string, name: string): boolean {
  const users = readUsers(file)
  const kept = users.filter((user) => user.name !== name)
  if (kept.length === users.length) return false
  writeUsers(file, kept)
  return true
}
