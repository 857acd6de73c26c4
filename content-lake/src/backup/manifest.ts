import {createHash} from 'node:crypto'
import fs from 'node:fs'
import fsp from 'node:fs/promises'
import path from 'node:path'
import {pipeline} from 'node:stream/promises'
import {isAssetExtension, isSha1} from '../assets/asset-names'
import {isValidDatasetName} from '../store/datasets'
import type {SettingsFile} from './settings'
import {USERS_FILE} from '../users'

export const MANIFEST_FILE = 'manifest.json'
const FORMAT = 'content-lake-backup'
const VERSION = 1

/** A backup's table of contents, written last: a folder without one is no backup. */
export interface Manifest {
  format: typeof FORMAT
  version: typeof VERSION
  createdAt: string
  datasets: {name: string; documents: number; lastTransaction: number}[]
  assets: {files: number; bytes: number}
  /** Copies of the lake's settings files, with where they were read from. */
  settings: {setting: SettingsFile['setting']; from: string}[]
  /** Every file of the backup but this manifest: `data/…` as in the data folder, `settings/<setting>`. */
  files: {path: string; bytes: number; sha256: string}[]
}

export function newManifest(createdAt: Date): Manifest {
  return {format: FORMAT, version: VERSION, createdAt: createdAt.toISOString(), datasets: [], assets: {files: 0, bytes: 0}, settings: [], files: []}
}

/** A backup that cannot be used as it is: damaged, incomplete, or not a backup at all. */
export class BadBackupError extends Error {
  override name = 'BadBackupError'
}

const TLS_FILE = /^[a-z0-9][a-z0-9.-]{0,63}$/
const SETTINGS = new Set<string>(['CONTENT_LAKE_TOKENS_FILE', 'CONTENT_LAKE_WEBHOOKS_FILE'])

/**
 * Whether `relative` (inside a data folder, `/`-separated) is something a backup holds: a
 * dataset's SQLite file, an asset file, or a file of the local CA. Restore writes only these,
 * so a manifest cannot name a path outside the data folder.
 */
export function isBackedUpDataPath(relative: string): boolean {
  const parts = relative.split('/')
  if (parts.length === 1 && parts[0] === USERS_FILE) return true
  if (parts.length === 1) return parts[0]!.endsWith('.sqlite') && isValidDatasetName(parts[0]!.slice(0, -'.sqlite'.length))
  if (parts.length === 2 && parts[0] === 'tls') return TLS_FILE.test(parts[1]!)
  if (parts.length === 3 && parts[0] === 'assets') {
    const [sha1, extension, ...rest] = parts[2]!.split('.')
    return isValidDatasetName(parts[1]!) && rest.length === 0 && isSha1(sha1 ?? '') && isAssetExtension(extension ?? '')
  }
  return false
}

function isBackupPath(relative: string): boolean {
  if (relative.startsWith('data/')) return isBackedUpDataPath(relative.slice('data/'.length))
  return relative.startsWith('settings/') && SETTINGS.has(relative.slice('settings/'.length))
}

const isCount = (value: unknown) => Number.isSafeInteger(value) && (value as number) >= 0

function checkManifest(value: unknown): Manifest {
  const manifest = value as Manifest
  if (manifest?.format !== FORMAT) throw new BadBackupError('its manifest.json is not a content-lake backup manifest')
  if (manifest.version !== VERSION) throw new BadBackupError(`its format version ${String(manifest.version)} is not one this lake reads (${VERSION})`)
  const wellFormed =
    typeof manifest.createdAt === 'string' &&
    Array.isArray(manifest.datasets) &&
    manifest.datasets.every((d) => isValidDatasetName(d?.name) && isCount(d.documents) && isCount(d.lastTransaction)) &&
    isCount(manifest.assets?.files) &&
    isCount(manifest.assets?.bytes) &&
    Array.isArray(manifest.settings) &&
    manifest.settings.every((s) => SETTINGS.has(s?.setting) && typeof s.from === 'string') &&
    Array.isArray(manifest.files) &&
    manifest.files.every((f) => typeof f?.path === 'string' && isBackupPath(f.path) && isCount(f.bytes) && /^[0-9a-f]{64}$/.test(f.sha256))
  if (!wellFormed) throw new BadBackupError('its manifest.json is damaged (a field is missing or names a file a backup does not hold)')
  const paths = manifest.files.map((file) => file.path)
  if (new Set(paths).size !== paths.length) throw new BadBackupError('its manifest.json lists a file twice')
  return manifest
}

/** The manifest of the backup in `folder`, checked for shape (not yet against the files). */
export async function readManifest(folder: string): Promise<Manifest> {
  let text: string
  try {
    text = await fsp.readFile(path.join(folder, MANIFEST_FILE), 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new BadBackupError(`it has no ${MANIFEST_FILE}: it is not a backup, or it was never finished`)
    throw error
  }
  try {
    return checkManifest(JSON.parse(text))
  } catch (error) {
    if (error instanceof SyntaxError) throw new BadBackupError(`its ${MANIFEST_FILE} is not valid JSON (damaged)`)
    throw error
  }
}

export interface FileDigest {
  bytes: number
  sha256: string
  /** Asset files are named by this digest of their bytes. */
  sha1: string
}

export async function digestFile(file: string): Promise<FileDigest> {
  const sha256 = createHash('sha256')
  const sha1 = createHash('sha1')
  let bytes = 0
  await pipeline(fs.createReadStream(file), async (chunks: AsyncIterable<Buffer>) => {
    for await (const chunk of chunks) {
      sha256.update(chunk)
      sha1.update(chunk)
      bytes += chunk.length
    }
  })
  return {bytes, sha256: sha256.digest('hex'), sha1: sha1.digest('hex')}
}

/** Every file of `files` (a manifest's) that is missing from `folder` or differs from its checksum. */
export async function damagedFiles(folder: string, files: Manifest['files']): Promise<string[]> {
  const damaged: string[] = []
  for (const entry of files) {
    const digest = await digestFile(path.join(folder, ...entry.path.split('/'))).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return undefined
      throw error
    })
    if (!digest) damaged.push(`${entry.path} (missing)`)
    else if (digest.bytes !== entry.bytes || digest.sha256 !== entry.sha256) damaged.push(`${entry.path} (does not match its checksum)`)
  }
  return damaged
}
