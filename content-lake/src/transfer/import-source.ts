import fs from 'node:fs'
import fsp from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import {pipeline, type Readable} from 'node:stream'
import {createGunzip} from 'node:zlib'
import * as tar from 'tar'
import type {AssetKind} from '../assets/asset-names'
import {TransferError} from './transfer-error'

/** What `sanity dataset export` produced, ready to read: the NDJSON and the asset files beside it. */
export interface ImportSource {
  /** The NDJSON, decompressed, from its start. */
  open(): Readable
  /** Where relative `file://./…` asset paths start: the folder of the NDJSON. */
  baseDir: string
  /**
   * Whether asset paths must stay inside `baseDir`: an archive is self-contained, while a
   * hand-written NDJSON may name any file on this machine.
   */
  confined: boolean
  /** The archive's `assets.json`: each asset's fields (original file name, title, …) by `<kind>-<sha1>`. */
  assetMetadata: Record<string, Record<string, unknown>>
  /** Every file in the archive's `images/` and `files/`; Sanity imports them even when nothing refers to them. */
  assetFiles: {kind: AssetKind; file: string}[]
  close(): Promise<void>
}

const GZIP_MAGIC = Buffer.from([0x1f, 0x8b])

function readStream(file: string, gzip: boolean): Readable {
  const raw = fs.createReadStream(file)
  // pipeline, so that destroying the result also closes the file.
  return gzip ? pipeline(raw, createGunzip(), () => {}) : raw
}

async function leadingBytes(stream: Readable, count: number): Promise<Buffer> {
  const chunks: Buffer[] = []
  let size = 0
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      chunks.push(chunk)
      size += chunk.length
      if (size >= count) break
    }
  } finally {
    stream.destroy()
  }
  return Buffer.concat(chunks)
}

// A POSIX tar header says "ustar" at byte 257.
function isTar(header: Buffer): boolean {
  return header.length >= 262 && header.toString('latin1', 257, 262) === 'ustar'
}

async function findNdjson(dir: string): Promise<string> {
  // The archive keeps it in one folder (`<name>/data.ndjson`); a folder given directly has it on top.
  const found: string[] = []
  for (const entry of await fsp.readdir(dir, {withFileTypes: true, recursive: true})) {
    const relative = path.relative(dir, path.join(entry.parentPath, entry.name))
    if (entry.isFile() && entry.name.endsWith('.ndjson') && relative.split(path.sep).length <= 2) {
      found.push(path.join(dir, relative))
    }
  }
  if (found.length !== 1) {
    throw new TransferError(found.length === 0 ? `No .ndjson file found in ${dir}` : `More than one .ndjson file found: ${found.join(', ')}`)
  }
  return found[0]!
}

async function filesIn(dir: string): Promise<string[]> {
  try {
    const entries = await fsp.readdir(dir, {withFileTypes: true})
    return entries
      .filter((entry) => entry.isFile())
      .map((entry) => path.join(dir, entry.name))
      .sort()
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return []
    throw error
  }
}

async function readAssetMetadata(file: string): Promise<ImportSource['assetMetadata']> {
  let text: string
  try {
    text = await fsp.readFile(file, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {}
    throw error
  }
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    throw new TransferError(`${file} is not valid JSON`)
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new TransferError(`${file} must hold a JSON object`)
  }
  return parsed as ImportSource['assetMetadata']
}

async function folderSource(dir: string, close: () => Promise<void>): Promise<ImportSource> {
  const ndjson = await findNdjson(dir)
  const baseDir = path.dirname(ndjson)
  const [images, files] = await Promise.all([filesIn(path.join(baseDir, 'images')), filesIn(path.join(baseDir, 'files'))])
  return {
    open: () => readStream(ndjson, false),
    baseDir,
    confined: true,
    assetMetadata: await readAssetMetadata(path.join(baseDir, 'assets.json')),
    assetFiles: [...images.map((file) => ({kind: 'image' as const, file})), ...files.map((file) => ({kind: 'file' as const, file}))],
    close,
  }
}

async function archiveSource(file: string): Promise<ImportSource> {
  const dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'content-lake-import-'))
  const close = () => fsp.rm(dir, {recursive: true, force: true})
  try {
    await tar.x({
      file,
      cwd: dir,
      strict: true,
      // Only files and folders: a link in the archive could make `file://./…` read outside it.
      filter: (_path, entry) => 'type' in entry && ['File', 'OldFile', 'Directory'].includes(entry.type),
    })
    return await folderSource(dir, close)
  } catch (error) {
    await close()
    if (error instanceof TransferError) throw error
    throw new TransferError(`Cannot read the archive ${file}: ${(error as Error).message}`)
  }
}

/**
 * Opens an export for import: plain NDJSON, gzipped NDJSON, a tar or tar.gz archive as
 * `sanity dataset export` writes it, or a folder holding one (the archive unpacked). The
 * content decides, not the file name.
 */
export async function openImportSource(file: string): Promise<ImportSource> {
  let stats: fs.Stats
  try {
    stats = await fsp.stat(file)
  } catch {
    throw new TransferError(`No such file: ${file}`)
  }
  if (stats.isDirectory()) return folderSource(path.resolve(file), async () => {})
  const gzip = (await leadingBytes(fs.createReadStream(file), 2)).subarray(0, 2).equals(GZIP_MAGIC)
  let header: Buffer
  try {
    header = await leadingBytes(readStream(file, gzip), 512)
  } catch (error) {
    throw new TransferError(`Cannot decompress ${file}: ${(error as Error).message}`)
  }
  if (isTar(header)) return archiveSource(file)
  return {
    open: () => readStream(file, gzip),
    baseDir: path.dirname(path.resolve(file)),
    confined: false,
    assetMetadata: {},
    assetFiles: [],
    close: async () => {},
  }
}
