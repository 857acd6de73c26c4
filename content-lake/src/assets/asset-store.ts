import fs from 'node:fs/promises'
import path from 'node:path'
import {isAssetExtension, isSha1} from './asset-names'
import {writeFileDurably} from './durable-file'

/**
 * Asset bytes as plain files, `<dataDir>/assets/<dataset>/<sha1>.<extension>`: content-addressed,
 * so a file is written once and never changes, and SQLite stays small.
 */
export class AssetStore {
  constructor(private readonly dataDir: string) {}

  file(dataset: string, sha1: string, extension: string): string {
    // Names come from URLs; the checks keep every path inside the assets folder.
    if (!isSha1(sha1) || !isAssetExtension(extension) || dataset.includes('/') || dataset.startsWith('.')) {
      throw new Error(`Not an asset file name: ${dataset}/${sha1}.${extension}`)
    }
    return path.join(this.dataDir, 'assets', dataset, `${sha1}.${extension}`)
  }

  async has(dataset: string, sha1: string, extension: string): Promise<boolean> {
    try {
      return (await fs.stat(this.file(dataset, sha1, extension))).isFile()
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false
      throw error
    }
  }

  /** Stores the bytes durably, unless the same content is already there. */
  async put(dataset: string, sha1: string, extension: string, bytes: Uint8Array): Promise<void> {
    if (await this.has(dataset, sha1, extension)) return
    await writeFileDurably(this.file(dataset, sha1, extension), bytes)
  }
}
