import fs from 'node:fs'
import type {LocalToken} from './tokens'
import {readUsers} from './users'

// How often, at most, the users file is looked at: a removed user's token stops working within this.
const RECHECK_MS = 1_000

/** What identifies one version of the file: a rename (how users.ts writes) changes the inode. */
function stampOf(file: string): string {
  try {
    const stat = fs.statSync(file)
    return `${stat.ino}:${stat.size}:${stat.mtimeMs}`
  } catch {
    return 'absent'
  }
}

/**
 * The tokens a running lake accepts: those of its settings (CONTENT_LAKE_TOKEN and
 * CONTENT_LAKE_TOKENS_FILE, read at start) and the users file's, read again whenever it
 * changes, so adding or removing a Studio user needs no restart. A users file that does not
 * parse keeps the previous users (and says why); a user whose name or token a setting already
 * has is left out.
 */
export class LiveTokens {
  private users: readonly LocalToken[] = []
  private all: readonly LocalToken[]
  private stamp = ''
  private checkedAt = Number.NEGATIVE_INFINITY

  constructor(
    private readonly configured: readonly LocalToken[],
    private readonly usersFile: string,
  ) {
    this.all = configured
  }

  current(now = Date.now()): readonly LocalToken[] {
    if (now - this.checkedAt < RECHECK_MS) return this.all
    this.checkedAt = now
    const stamp = stampOf(this.usersFile)
    if (stamp === this.stamp) return this.all
    this.stamp = stamp
    try {
      this.users = this.withoutClashes(readUsers(this.usersFile))
    } catch (error) {
      console.error(`The users file could not be read; the previous users stay signed in: ${error instanceof Error ? error.message : String(error)}`)
    }
    this.all = [...this.configured, ...this.users]
    return this.all
  }

  private withoutClashes(users: readonly LocalToken[]): LocalToken[] {
    return users.filter((user) => {
      const clash = this.configured.find((token) => token.name === user.name || token.digest.equals(user.digest))
      if (clash) console.error(`The users file's "${user.name}" is left out: the lake's settings already have a token named "${clash.name}" or the same token`)
      return !clash
    })
  }
}
