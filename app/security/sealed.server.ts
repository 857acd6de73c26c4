import {createCipheriv, createDecipheriv, randomBytes} from 'node:crypto'
import {derivedKeys} from './keys.server'

/**
 * Seals a value (AES-256-GCM) for keeping where the site must read it back later but nobody
 * else should: in the lake, even for those with read access to private documents (e.g. the
 * exact parameters of a spam check, which Akismet asks to be resent unchanged with a
 * moderator's spam / not-spam report), or in the reader's session cookie. Sealed with the
 * newest secret; opened with any current one.
 */
export function seal(value: unknown, keys = derivedKeys('sealed-record')): string {
  const iv = randomBytes(12)
  const cipher = createCipheriv('aes-256-gcm', keys[0]!, iv)
  const body = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()])
  return ['v1', iv, cipher.getAuthTag(), body].map((part) => (typeof part === 'string' ? part : part.toString('base64url'))).join('.')
}

/** Opens what `seal` made; null when it was tampered with or sealed under a retired secret. */
export function unseal<T = unknown>(sealed: string, keys = derivedKeys('sealed-record')): T | null {
  const [version, iv, tag, body] = sealed.split('.')
  if (version !== 'v1' || !iv || !tag || body === undefined) return null
  for (const key of keys) {
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'))
      decipher.setAuthTag(Buffer.from(tag, 'base64url'))
      const text = Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()])
      return JSON.parse(text.toString('utf8')) as T
    } catch {
      // Not this key: try the next.
    }
  }
  return null
}
