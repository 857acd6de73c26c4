import {expect, test} from 'vitest'
import {createPreviewLink, type SecretWriter} from './previewLink'

test('writes a private one-time secret for the published id and links the site’s start page to it', async () => {
  const written: Parameters<SecretWriter['create']>[0][] = []
  const url = new URL(await createPreviewLink({create: async (doc) => written.push(doc)}, 'drafts.post-1', 'https://blog.example', Date.UTC(2026, 0, 1)))
  expect(written).toHaveLength(1)
  const [secret] = written
  expect(secret!._id).toMatch(/^preview-secret\.[0-9a-f-]{36}$/)
  expect(secret!.documentId).toBe('post-1')
  expect(secret!.expiresAt).toBe('2026-01-01T00:10:00.000Z')
  expect(secret!.secret).toMatch(/^[\w-]{43}$/)
  expect(url.origin + url.pathname).toBe('https://blog.example/preview/start/')
  expect(url.searchParams.get('id')).toBe(secret!._id)
  expect(url.searchParams.get('secret')).toBe(secret!.secret)
})

test('every press makes a new secret', async () => {
  const secrets: string[] = []
  const client: SecretWriter = {create: async (doc) => secrets.push(doc.secret)}
  await createPreviewLink(client, 'post-1', 'https://blog.example')
  await createPreviewLink(client, 'post-1', 'https://blog.example')
  expect(new Set(secrets).size).toBe(2)
})
