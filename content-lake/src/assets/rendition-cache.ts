import {createHash} from 'node:crypto'
import fs from 'node:fs/promises'
import path from 'node:path'
import {LRUCache} from 'lru-cache'
import {writeFileDurably} from './durable-file'

/**
 * The cache key of a rendering: a hash of the source and of everything that shapes the output
 * (already normalised, so equivalent URLs share a file). Bump `version` when rendering changes.
 */
export function renditionKey(sourceSha1: string, recipe: unknown): string {
  return createHash('sha256')
    .update(JSON.stringify({version: 1, source: sourceSha1, recipe}))
    .digest('hex')
}

/** `<folder>/<ab>/<key>.<extension>`: two-letter folders keep each folder small. */
export function renditionFile(folder: string, key: string, extension: string): string {
  return path.join(folder, key.slice(0, 2), `${key}.${extension}`)
}

/** Files in the cache folder, least recently used first (a hit touches its file's time). */
async function storedRenditions(folder: string): Promise<{file: string; size: number}[]> {
  const files: {file: string; size: number; used: number}[] = []
  const subfolders = await fs.readdir(folder, {withFileTypes: true}).catch(() => [])
  for (const subfolder of subfolders.filter((entry) => entry.isDirectory())) {
    const parent = path.join(folder, subfolder.name)
    for (const name of await fs.readdir(parent)) {
      const file = path.join(parent, name)
      // Left behind by a crash mid-write (see durable-file.ts).
      if (name.endsWith('.tmp')) {
        await fs.rm(file, {force: true})
        continue
      }
      const stat = await fs.stat(file)
      files.push({file, size: stat.size, used: stat.mtimeMs})
    }
  }
  return files.sort((a, b) => a.used - b.used)
}

/**
 * Rendered images on disk, at most `maxBytes` of them: the least recently used go first. The
 * cache outlives the process: at start it takes in what the folder holds, oldest use first,
 * trimming to the cap. Identical renders asked for at once are rendered once.
 */
export class RenditionCache {
  private readonly files: LRUCache<string, number>
  /** Renders under way, by file. */
  private readonly pending = new Map<string, Promise<Buffer>>()
  private readonly loaded: Promise<void>

  constructor(
    readonly folder: string,
    maxBytes: number,
  ) {
    this.files = new LRUCache<string, number>({
      maxSize: maxBytes,
      sizeCalculation: (size) => Math.max(1, size),
      dispose: (_size, file) => void fs.rm(file, {force: true}).catch(() => {}),
    })
    this.loaded = storedRenditions(folder).then((stored) => {
      for (const {file, size} of stored) this.files.set(file, size)
    })
  }

  /**
   * The rendering at `file`: a hit when it is on disk, else rendered now (once for all who
   * ask meanwhile) and kept if it fits, with its bytes for the answer.
   */
  async rendition(file: string, render: () => Promise<Buffer>): Promise<{hit: true} | {hit: false; bytes: Buffer}> {
    await this.loaded
    const pending = this.pending.get(file)
    if (pending) return {hit: false, bytes: await pending}
    if (this.files.get(file) !== undefined) {
      // The file's time records its use, for the order after a restart.
      const now = new Date()
      await fs.utimes(file, now, now).catch(() => {})
      return {hit: true}
    }
    const job = this.store(file, render).finally(() => this.pending.delete(file))
    this.pending.set(file, job)
    return {hit: false, bytes: await job}
  }

  private async store(file: string, render: () => Promise<Buffer>): Promise<Buffer> {
    const bytes = await render()
    if (bytes.length > this.files.maxEntrySize) return bytes
    // Room is made (older renditions deleted) before the file is written, so the folder never
    // holds more than the cap. A rendition written durably: a torn one would be served forever.
    this.files.set(file, bytes.length)
    await writeFileDurably(file, bytes)
    // Pushed out by others while it was being written: it must not stay on disk uncounted.
    if (!this.files.has(file)) await fs.rm(file, {force: true})
    return bytes
  }
}
