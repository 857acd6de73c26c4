import fs from 'node:fs'
import {parseArgs} from 'node:util'
import {completeBackups} from '../backup/backup-folders'
import {readManifest} from '../backup/manifest'
import {describeContents, sameDiskWarning} from '../backup/report'
import {checkBackupDir} from '../backup/settings'
import {takeBackup} from '../backup/take-backup'
import {configFromEnv} from '../config'
import {InvalidSettingError} from '../invalid-setting'
import {parseCommandLine, UsageError} from './command-line'

function backupDir(to: string | undefined, configured: string | undefined, dataDir: string): string {
  if (to === undefined) {
    if (configured) return configured
    throw new UsageError('Where should the backup go? Set CONTENT_LAKE_BACKUP_DIR (a folder on another disk) or give --to <folder>.')
  }
  try {
    return checkBackupDir(to, dataDir, '--to')
  } catch (error) {
    if (error instanceof InvalidSettingError) throw new UsageError(error.message)
    throw error
  }
}

async function list(dir: string): Promise<void> {
  const backups = completeBackups(dir)
  if (backups.length === 0) {
    console.log(`No backups in ${dir}.`)
    return
  }
  for (const {folder} of backups) {
    const contents = await readManifest(folder).then(describeContents, (error: Error) => `unreadable: ${error.message}`)
    console.log(`${folder}  ${contents}`)
  }
}

/**
 * `content-lake backup [--to folder] [--list]`: backs up the data folder, also while a lake
 * serves it (the same code the lake runs on its own schedule), for cron jobs and systemd timers.
 */
export async function run(args: string[]): Promise<void> {
  const {values} = parseCommandLine(() => parseArgs({args, options: {to: {type: 'string'}, list: {type: 'boolean'}}}))
  const config = configFromEnv()
  const dir = backupDir(values.to, config.backup.dir, config.dataDir)
  if (values.list) return list(dir)

  if (!fs.existsSync(config.dataDir))
    throw new UsageError(`The data folder ${config.dataDir} does not exist: nothing to back up (is CONTENT_LAKE_DATA_DIR right?)`)
  const warning = sameDiskWarning(dir, config.dataDir)
  if (warning) console.warn(warning)
  const options = {dataDir: config.dataDir, backupDir: dir, keep: config.backup.keep, settingsFiles: config.backup.settingsFiles}
  const summary = await takeBackup(options).catch((error: unknown) => {
    // A full disk, a folder it may not write to, a damaged dataset file: the operator's to fix, no stack needed.
    if (typeof (error as NodeJS.ErrnoException).code !== 'string') throw error
    throw new UsageError(`The backup failed, and left no partial backup in ${dir}: ${(error as Error).message}`)
  })
  for (const line of summary.warnings) console.warn(line)
  console.log(`Backed up ${describeContents(summary.manifest)} to ${summary.folder}.`)
  if (summary.removed.length > 0) {
    console.log(`Deleted ${summary.removed.length} older backup(s), keeping the newest ${config.backup.keep}: ${summary.removed.join(', ')}`)
  }
}
