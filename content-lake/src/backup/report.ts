import fs from 'node:fs'
import path from 'node:path'
import type {Manifest} from './manifest'

function size(bytes: number): string {
  return bytes < 1024 * 1024 ? `${Math.ceil(bytes / 1024)} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`
}

/** "production (120 documents), staging (3 documents) and 14 asset files (3.2 MB)" */
export function describeContents(manifest: Manifest): string {
  const datasets = manifest.datasets.map(({name, documents}) => `${name} (${documents} document${documents === 1 ? '' : 's'})`)
  const {files, bytes} = manifest.assets
  return `${datasets.length > 0 ? datasets.join(', ') : 'no datasets'} and ${files} asset file${files === 1 ? '' : 's'} (${size(bytes)})`
}

function device(folder: string): number {
  // The backup folder may not exist yet: its nearest existing parent is where it would go.
  for (let existing = folder; ; existing = path.dirname(existing)) {
    if (fs.existsSync(existing) || existing === path.dirname(existing)) return fs.statSync(existing).dev
  }
}

/** A warning when backups would go to the disk the data is on, which a disk failure takes with them. */
export function sameDiskWarning(backupDir: string, dataDir: string): string | undefined {
  if (!fs.existsSync(dataDir) || device(backupDir) !== device(dataDir)) return undefined
  return `Backups in ${backupDir} are on the same disk as the data folder ${dataDir}: a failing disk takes both. Put them on another disk or copy them off this machine.`
}
