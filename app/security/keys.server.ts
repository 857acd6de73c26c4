import {hkdfSync} from 'node:crypto'
import {getEnv, sessionSecrets} from '~/env.server'

/**
 * Keys for separate jobs, derived from the session secret so a deployment configures one
 * secret. Each purpose gets its own key: a key that hashes network addresses can't be used
 * to forge a cookie or open a sealed record.
 */
export type KeyPurpose = 'network-address-hash' | 'rate-limit-key' | 'script-nonce' | 'sealed-record' | 'session-cookie' | 'signed-link'

export function derivedKeys(purpose: KeyPurpose, secrets = sessionSecrets(getEnv())): Buffer[] {
  return secrets.map((secret) => Buffer.from(hkdfSync('sha256', secret, 'life-in-balance', purpose, 32)))
}
