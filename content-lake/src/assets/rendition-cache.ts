import {createHash} from 'node:crypto'
import fs from 'node:fs/promises'
import path from 'node:path'
import {writeFileDurably} from './durable-file'

// Renderings under way, by file: identical requests arriving together share one.
const pending = new Map<string, Promise<void>>()

/**
 * The cache key of a rendering: a hash of the source and of everything that shapes the output
 * (already normalised, so equivalent URLs share a file). Bump `version` when rendering changes.
 */
export function renditionKey(sourceSha1: string, recipe: unknown): string {
  return createHash('sha256')
    .update(JSON.stringify({version: 1, source: sourceSha1, recipe}))
    .digest('hex')
}

/** `<dataDir>/image-cache/<ab>/<key>.<extension>`: two-letter folders keep each folder small. */
export function renditionFile(dataDir: string, key: string, extension: string): string {
  return path.join(dataDir, 'image-cache', key.slice(0, 2), `${key}.${extension}`)
}

async function exists(file: string): Promise<boolean> {
  try {
    await fs.access(file)
    return true
  } catch {
    return false
  }
}

/**
 * Makes sure the rendering is on disk at `file`, rendering it first if it is not. A rendering
 * is written durably: a torn file would be served as immutable forever.
 */
export async function cachedRendition(file: string, render: () => Promise<Buffer>): Promise<{hit: boolean}> {
  if (await exists(file)) return {hit: true}
  let job = pending.get(file)
  if (!job) {
    job = render()
      .then((bytes) => writeFileDurably(file, bytes))
      .finally(() => pending.delete(file))
    pending.set(file, job)
  }
  await job
  return {hit: false}
}
