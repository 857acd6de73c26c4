import {createHash} from 'node:crypto'

/**
 * The people a tester can sign in as at the local providers. Three fixed ones cover what real
 * accounts differ in (a verified email, no email, an unverified one); a typed name makes a
 * new one, so several distinct commenters are easy to get.
 */
export interface TestUser {
  /** Stable handle: the same name gives the same account ids at every provider. */
  handle: string
  name: string
  email?: string
  emailVerified: boolean
}

export const FIXED_USERS: TestUser[] = [
  {handle: 'alice', name: 'Alice Example', email: 'alice@example.com', emailVerified: true},
  {handle: 'bob', name: 'Bob Example', emailVerified: false},
  {handle: 'carol', name: 'Carol Example', email: 'carol@example.net', emailVerified: false},
]

/** A fixed user by handle, or a new one for a typed name (verified email under example.org). */
export function testUser(handleOrName: string): TestUser | undefined {
  const typed = handleOrName.trim().replace(/\s+/g, ' ')
  if (!typed || typed.length > 80) return undefined
  const fixed = FIXED_USERS.find((user) => user.handle === typed.toLowerCase())
  if (fixed) return fixed
  const handle =
    typed
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'user'
  return {handle: `${handle}-${digits(typed, 4)}`, name: typed, email: `${handle}@example.org`, emailVerified: true}
}

/** A numeric account id of `length` digits, stable per provider and user, as the providers use. */
export function numericId(provider: string, handle: string, length: number): string {
  return `${1 + (Number(digits(`${provider}:${handle}`, 1)) % 9)}${digits(`${provider}:${handle}:id`, length - 1)}`
}

function digits(seed: string, length: number): string {
  const hash = createHash('sha256').update(seed).digest()
  let out = ''
  for (let i = 0; out.length < length; i++) out += String(hash[i % hash.length]! % 10)
  return out
}
