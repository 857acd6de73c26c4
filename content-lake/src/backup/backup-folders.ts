import fs from 'node:fs'
import fsp from 'node:fs/promises'
import path from 'node:path'
import {isRunning} from '../store/data-dir-lock'
import {MANIFEST_FILE} from './manifest'

// `content-lake-2026-11-27T03-00-00-123Z`: sorts by time, and is a valid name on any file system.
const COMPLETE = /^content-lake-(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})-(\d{2})-(\d{3})Z$/
// A backup being written, named after the process writing it.
const INCOMPLETE = /^\.incomplete-(\d+)-/

export interface BackupFolder {
  folder: string
  createdAt: Date
}

export function backupFolderName(time: Date): string {
  return `content-lake-${time.toISOString().replace(/:/g, '-').replace('.', '-')}`
}

export function incompletePrefix(): string {
  return `.incomplete-${process.pid}-`
}

/**
 * The finished backups in `backupDir`, newest first. A backup is finished when it has its
 * manifest under its final name; anything else there (a backup being written, the operator's
 * own files) is not one, and retention never counts or deletes it.
 */
export function completeBackups(backupDir: string): BackupFolder[] {
  let entries: fs.Dirent[]
  try {
    entries = fs.readdirSync(backupDir, {withFileTypes: true})
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return []
    throw error
  }
  return entries
    .flatMap((entry) => {
      const match = entry.isDirectory() ? COMPLETE.exec(entry.name) : null
      if (!match || !fs.existsSync(path.join(backupDir, entry.name, MANIFEST_FILE))) return []
      const [, day, hours, minutes, seconds, millis] = match
      return [{folder: path.join(backupDir, entry.name), createdAt: new Date(`${day}T${hours}:${minutes}:${seconds}.${millis}Z`)}]
    })
    .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())
}

/** Deletes all but the newest `keep` finished backups; `kept` (the one just made) stays whatever the clock said. */
export async function pruneBackups(backupDir: string, keep: number, kept: string): Promise<string[]> {
  const surplus = completeBackups(backupDir)
    .filter(({folder}) => folder !== kept)
    .slice(Math.max(keep - 1, 0))
  for (const {folder} of surplus) await fsp.rm(folder, {recursive: true, force: true})
  return surplus.map(({folder}) => folder)
}

/** Removes what backups of processes that died (a crash, a power cut) left half written. */
export async function removeAbandoned(backupDir: string): Promise<void> {
  for (const entry of await fsp.readdir(backupDir)) {
    const pid = Number(INCOMPLETE.exec(entry)?.[1])
    if (pid > 0 && pid !== process.pid && !isRunning(pid)) await fsp.rm(path.join(backupDir, entry), {recursive: true, force: true})
  }
}
