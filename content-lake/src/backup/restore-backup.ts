import fs from 'node:fs'
import fsp from 'node:fs/promises'
import path from 'node:path'
import {syncFolder} from '../assets/durable-file'
import {syncFile, syncTree} from './durable-tree'
import {BadBackupError, damagedFiles, readManifest, type Manifest} from './manifest'

export interface RestoreSummary {
  manifest: Manifest
  /** Where what the data folder held before now is; absent when it held nothing. */
  putAside?: string
}

/** Checks a backup against its manifest: every file there, every checksum right. */
export async function verifyBackup(folder: string): Promise<Manifest> {
  if (!fs.existsSync(folder)) throw new BadBackupError('there is no such folder')
  const manifest = await readManifest(folder)
  const damaged = await damagedFiles(folder, manifest.files)
  if (damaged.length > 0) throw new BadBackupError(`it is damaged: ${damaged.join(', ')}`)
  return manifest
}

/** What a restore replaced goes into a folder of the data folder by this name (and the time). */
export const PUT_ASIDE_PREFIX = 'before-restore-'

/**
 * Puts a verified backup's data in place of the data folder's; the caller must own the data
 * folder (its lock), so no lake serves it meanwhile. The backup's files are first copied into
 * a staging folder inside the data folder and checked against the manifest there, so what goes
 * live is exactly what was backed up. Then whatever the data folder held goes into
 * `before-restore-<time>` inside it (kept, not deleted) and the staged files take its place by
 * rename. Nothing changes in the data folder unless the backup is whole.
 */
export async function restoreBackup(backupFolder: string, dataDir: string): Promise<RestoreSummary> {
  const manifest = await verifyBackup(backupFolder)
  const staging = path.join(dataDir, `.restoring-${process.pid}`)
  try {
    await fsp.rm(staging, {recursive: true, force: true})
    const dataFiles = manifest.files.filter((file) => file.path.startsWith('data/'))
    for (const {path: relative} of dataFiles) {
      const target = path.join(staging, ...relative.split('/'))
      await fsp.mkdir(path.dirname(target), {recursive: true})
      await fsp.copyFile(path.join(backupFolder, ...relative.split('/')), target)
      await syncFile(target)
    }
    const damaged = await damagedFiles(staging, dataFiles)
    if (damaged.length > 0) throw new BadBackupError(`copying it into the data folder failed: ${damaged.join(', ')}`)
    const staged = path.join(staging, 'data')
    if (!fs.existsSync(staged)) await fsp.mkdir(staged, {recursive: true})
    await syncTree(staging)

    // Everything but the lock, the staging folder and what earlier restores put aside.
    const replaced = (await fsp.readdir(dataDir)).filter(
      (entry) => entry !== 'lake.lock' && entry !== path.basename(staging) && !entry.startsWith(PUT_ASIDE_PREFIX),
    )
    let putAside: string | undefined
    if (replaced.length > 0) {
      putAside = path.join(dataDir, `${PUT_ASIDE_PREFIX}${new Date().toISOString().replace(/[:.]/g, '-')}`)
      await fsp.mkdir(putAside)
      for (const entry of replaced) await fsp.rename(path.join(dataDir, entry), path.join(putAside, entry))
      await syncFolder(putAside)
    }
    for (const entry of await fsp.readdir(staged)) await fsp.rename(path.join(staged, entry), path.join(dataDir, entry))
    await syncFolder(dataDir)
    return {manifest, ...(putAside ? {putAside} : {})}
  } finally {
    await fsp.rm(staging, {recursive: true, force: true})
  }
}
