import fs from 'node:fs'
import fsp from 'node:fs/promises'
import path from 'node:path'
import Database from 'better-sqlite3'
import {syncFolder} from '../assets/durable-file'
import {datasetFiles} from '../store/datasets'
import {syncFile, syncTree} from './durable-tree'
import {backupFolderName, completeBackups, incompletePrefix, pruneBackups, removeAbandoned} from './backup-folders'
import {digestFile, isBackedUpDataPath, MANIFEST_FILE, newManifest, type Manifest} from './manifest'
import {PUT_ASIDE_PREFIX} from './restore-backup'
import type {SettingsFile} from './settings'
import {USERS_FILE, usersFile} from '../users'

export interface BackupOptions {
  dataDir: string
  backupDir: string
  /** Finished backups to keep, this one included. */
  keep: number
  settingsFiles: SettingsFile[]
}

export interface BackupSummary {
  folder: string
  manifest: Manifest
  /** Older backups deleted to keep `keep`. */
  removed: string[]
  /** What the operator should know: files not backed up, an asset that does not match its name. */
  warnings: string[]
}

// What the data folder holds besides datasets, assets and the local CA, none of it needed
// back: the lock, SQLite's companions of the moment (the snapshot includes the WAL), rendered
// image sizes (made again on demand), data a restore put aside.
const NOT_BACKED_UP = [/^lake\.lock$/, /\.sqlite-(wal|shm|journal)$/, /^image-cache$/, new RegExp(`^${PUT_ASIDE_PREFIX}`), /^\./]

/**
 * One dataset as of one moment, however busy its writer: `VACUUM INTO` reads the database in a
 * single read transaction (WAL lets it beside the lake's writer, in this process or another)
 * and writes a compact copy without free pages, so space freed by erasures does not travel.
 */
function snapshotDataset(source: string, target: string): {documents: number; lastTransaction: number} {
  let db: Database.Database | undefined
  try {
    db = new Database(source, {readonly: true, fileMustExist: true})
    db.pragma('busy_timeout = 5000')
    db.prepare('VACUUM INTO ?').run(target)
  } catch (error) {
    // SQLite's messages ("file is not a database") do not say which file.
    if (error instanceof Database.SqliteError) error.message = `${source}: ${error.message}`
    throw error
  } finally {
    db?.close()
  }
  const copy = new Database(target, {readonly: true, fileMustExist: true})
  try {
    const check = copy.pragma('quick_check', {simple: true})
    if (check !== 'ok') throw new Error(`The snapshot of ${source} fails SQLite's check: ${String(check)}`)
    return {
      documents: copy.prepare<[], {n: number}>('SELECT count(*) AS n FROM documents').get()!.n,
      lastTransaction: copy.prepare<[], {seq: number}>('SELECT coalesce(max(seq), 0) AS seq FROM transactions').get()!.seq,
    }
  } finally {
    copy.close()
  }
}

/** Regular files under `folder`, as `/`-separated paths relative to it. */
async function filesUnder(folder: string): Promise<string[]> {
  const entries = await fsp.readdir(folder, {recursive: true, withFileTypes: true}).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return []
    throw error
  })
  return entries.filter((entry) => entry.isFile()).map((entry) => path.relative(folder, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
}

/** Writes one backup; see `takeBackup`. */
class BackupWriter {
  readonly manifest: Manifest
  readonly warnings: string[] = []
  /** The newest finished backup: asset files it holds are linked, not copied again. */
  private readonly previous: string | undefined

  constructor(
    private readonly options: BackupOptions,
    readonly folder: string,
    createdAt: Date,
  ) {
    this.manifest = newManifest(createdAt)
    this.previous = completeBackups(options.backupDir)[0]?.folder
  }

  private target(relative: string): string {
    return path.join(this.folder, ...relative.split('/'))
  }

  private async record(relative: string): Promise<void> {
    const {bytes, sha256} = await digestFile(this.target(relative))
    this.manifest.files.push({path: relative, bytes, sha256})
  }

  async datasets(): Promise<void> {
    await fsp.mkdir(this.target('data'))
    for (const {name, file} of datasetFiles(this.options.dataDir)) {
      const relative = `data/${name}.sqlite`
      this.manifest.datasets.push({name, ...snapshotDataset(file, this.target(relative))})
      await syncFile(this.target(relative))
      await this.record(relative)
    }
  }

  /**
   * Asset files, after the datasets: the lake writes an asset's file before its document, so
   * every asset document in the snapshots has its file by now. They are named by the SHA-1 of
   * their bytes and never change, so one the previous backup holds is hard-linked from there
   * (backups then cost the space of new assets only) once its bytes still match its name.
   */
  async assets(): Promise<void> {
    const assetsDir = path.join(this.options.dataDir, 'assets')
    for (const relativeToAssets of (await filesUnder(assetsDir)).sort()) {
      const relative = `assets/${relativeToAssets}`
      if (!isBackedUpDataPath(relative)) continue
      const source = path.join(assetsDir, ...relativeToAssets.split('/'))
      const target = this.target(`data/${relative}`)
      const sha1 = path.basename(relative).split('.')[0]!
      await fsp.mkdir(path.dirname(target), {recursive: true})
      let digest = (await this.linkFromPrevious(relative, target)) ? await digestFile(target) : undefined
      if (digest?.sha1 !== sha1) {
        await fsp.rm(target, {force: true})
        await fsp.copyFile(source, target)
        await syncFile(target)
        digest = await digestFile(target)
        if (digest.sha1 !== sha1) this.warnings.push(`The asset file ${source} does not match its name (damaged on disk?); backed up as it is.`)
      }
      this.manifest.files.push({path: `data/${relative}`, bytes: digest.bytes, sha256: digest.sha256})
      this.manifest.assets.files++
      this.manifest.assets.bytes += digest.bytes
    }
  }

  private async linkFromPrevious(relative: string, target: string): Promise<boolean> {
    if (!this.previous) return false
    try {
      await fsp.link(path.join(this.previous, 'data', ...relative.split('/')), target)
      return true
    } catch {
      // Not in the previous backup, or a file system without hard links: copied instead.
      return false
    }
  }

  /** The local CA the HTTPS listener uses, when it lives in the data folder: browsers trust it by hand. */
  async tls(): Promise<void> {
    for (const name of await filesUnder(path.join(this.options.dataDir, 'tls'))) {
      const relative = `tls/${name}`
      if (!isBackedUpDataPath(relative)) continue
      await this.copy(path.join(this.options.dataDir, 'tls', name), `data/${relative}`)
    }
  }

  /** Studio's users (users.ts): without them, every clinician would need a new sign-in after a restore. */
  async users(): Promise<void> {
    const file = usersFile(this.options.dataDir)
    if (fs.existsSync(file)) await this.copy(file, `data/${USERS_FILE}`)
  }

  async settings(): Promise<void> {
    for (const {setting, file} of this.options.settingsFiles) {
      if (!fs.existsSync(file)) {
        this.warnings.push(`${setting} names ${file}, which does not exist; not backed up.`)
        continue
      }
      await fsp.mkdir(this.target('settings'), {recursive: true})
      await this.copy(file, `settings/${setting}`)
      this.manifest.settings.push({setting, from: file})
    }
  }

  private async copy(source: string, relative: string): Promise<void> {
    await fsp.mkdir(path.dirname(this.target(relative)), {recursive: true})
    await fsp.copyFile(source, this.target(relative))
    await syncFile(this.target(relative))
    await this.record(relative)
  }

  /** Whatever else is in the data folder: not in the backup, and said so. */
  leftOut(): void {
    const known = new Set(['assets', 'tls', USERS_FILE, ...this.manifest.datasets.map(({name}) => `${name}.sqlite`)])
    for (const entry of fs.readdirSync(this.options.dataDir)) {
      if (!known.has(entry) && !NOT_BACKED_UP.some((pattern) => pattern.test(entry))) {
        this.warnings.push(`${path.join(this.options.dataDir, entry)} is not something the lake keeps; not backed up.`)
      }
    }
  }

  /** The manifest, then every folder's entries made durable, before the backup gets its name. */
  async finish(): Promise<void> {
    await fsp.writeFile(this.target(MANIFEST_FILE), `${JSON.stringify(this.manifest, null, 2)}\n`)
    await syncFile(this.target(MANIFEST_FILE))
    await syncTree(this.folder)
  }
}

/**
 * Backs up the data folder while a lake may be serving it and taking writes: each dataset as
 * one consistent snapshot, then the asset files and the local CA, plus copies of the lake's
 * settings files. The backup is written under a temporary name and renamed into place only
 * when complete with its manifest (sizes and SHA-256 of every file), so a backup that fails
 * leaves nothing that looks like one; only then are older ones beyond `keep` deleted.
 */
export async function takeBackup(options: BackupOptions): Promise<BackupSummary> {
  // Backups hold commenters' private details and tokens' digests: this user's only.
  await fsp.mkdir(options.backupDir, {recursive: true, mode: 0o700})
  await removeAbandoned(options.backupDir)
  const createdAt = new Date()
  const temporary = await fsp.mkdtemp(path.join(options.backupDir, incompletePrefix()))
  const writer = new BackupWriter(options, temporary, createdAt)
  let folder: string
  try {
    await writer.datasets()
    await writer.assets()
    await writer.tls()
    await writer.users()
    await writer.settings()
    writer.leftOut()
    await writer.finish()
    folder = await renameIntoPlace(temporary, options.backupDir, createdAt)
  } catch (error) {
    await fsp.rm(temporary, {recursive: true, force: true})
    throw error
  }
  await syncFolder(options.backupDir)
  const removed = await pruneBackups(options.backupDir, options.keep, folder)
  return {folder, manifest: writer.manifest, removed, warnings: writer.warnings}
}

/** Gives a finished backup its final name; two in the same millisecond (two processes) each get their own. */
async function renameIntoPlace(temporary: string, backupDir: string, createdAt: Date): Promise<string> {
  for (let offset = 0; ; offset++) {
    const folder = path.join(backupDir, backupFolderName(new Date(createdAt.getTime() + offset)))
    try {
      // rename() replaces an empty folder of that name; one that exists at all is taken.
      if (fs.existsSync(folder)) continue
      await fsp.rename(temporary, folder)
      return folder
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code
      if (code !== 'ENOTEMPTY' && code !== 'EEXIST') throw error
    }
  }
}
