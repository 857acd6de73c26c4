import {Worker} from 'node:worker_threads'
import type {LakeConfig} from '../config'
import {completeBackups} from './backup-folders'
import {describeContents, sameDiskWarning} from './report'
import type {BackupOptions, BackupSummary} from './take-backup'

const HOUR_MS = 60 * 60 * 1000

/**
 * When the next backup is due: an interval after the newest there is, so a restart neither
 * skips one nor adds one; now when there is none, or it is overdue; never more than an
 * interval away (a backup dated in the future by a wrong clock does not hold the next one up).
 */
export function nextBackupDue(newest: Date | undefined, intervalHours: number, now: Date): Date {
  const interval = intervalHours * HOUR_MS
  if (!newest) return now
  return new Date(Math.min(Math.max(now.getTime(), newest.getTime() + interval), now.getTime() + interval))
}

export interface BackupLog {
  log(message: string): void
  error(message: string, error?: unknown): void
}

/** The lake's own backups: `takeBackup` every `intervalHours`, in a worker thread so the lake keeps serving. */
export class BackupSchedule {
  private timer: NodeJS.Timeout | undefined
  private worker: Worker | undefined
  private closed = false

  constructor(
    private readonly backup: BackupOptions,
    private readonly intervalHours: number,
    private readonly output: BackupLog = console,
  ) {}

  start(): void {
    const {backupDir, dataDir, keep} = this.backup
    const {intervalHours} = this
    this.output.log(`Backups: every ${intervalHours} h into ${backupDir}, keeping the newest ${keep}.`)
    const warning = sameDiskWarning(backupDir, dataDir)
    if (warning) this.output.log(warning)
    const newest = completeBackups(backupDir)[0]?.createdAt
    this.planAt(nextBackupDue(newest, intervalHours, new Date()))
  }

  private planAt(due: Date): void {
    if (this.closed) return
    this.timer = setTimeout(() => void this.run(), Math.max(0, due.getTime() - Date.now()))
    // A pending backup does not keep the process alive.
    this.timer.unref()
  }

  private async run(): Promise<void> {
    const {intervalHours} = this
    try {
      const summary = await this.inWorker()
      for (const warning of summary.warnings) this.output.log(`Backup: ${warning}`)
      this.output.log(`Backed up ${describeContents(summary.manifest)} to ${summary.folder}.`)
      this.planAt(new Date(Date.now() + intervalHours * HOUR_MS))
    } catch (error) {
      if (this.closed) return
      // A full or missing backup disk: try again within the hour, and say so each time.
      this.output.error('The scheduled backup failed; the lake tries again within the hour.', error)
      this.planAt(new Date(Date.now() + Math.min(intervalHours, 1) * HOUR_MS))
    }
  }

  private inWorker(): Promise<BackupSummary> {
    const worker = new Worker(new URL('./backup-thread.mjs', import.meta.url), {workerData: this.backup})
    this.worker = worker
    return new Promise<BackupSummary>((resolve, reject) => {
      worker.once('message', resolve)
      worker.once('error', reject)
      worker.once('exit', (code) => reject(new Error(`The backup thread stopped (exit code ${code}) before it finished`)))
    }).finally(() => {
      this.worker = undefined
    })
  }

  /** Stops the schedule; a backup under way is abandoned (its half-written folder is cleared by the next one). */
  async close(): Promise<void> {
    this.closed = true
    clearTimeout(this.timer)
    await this.worker?.terminate()
  }
}

/**
 * Starts the lake's own backups as its settings ask, and says how the lake is backed up: a
 * practice should not find out after a disk failure that nothing was.
 */
export function startBackupSchedule(config: LakeConfig, output: BackupLog = console): BackupSchedule | undefined {
  const {dir, intervalHours, keep, settingsFiles} = config.backup
  if (!dir) {
    output.log('No CONTENT_LAKE_BACKUP_DIR is set, so the lake makes no backups of its own (see `content-lake backup`).')
    return undefined
  }
  if (intervalHours === null) {
    output.log(`Scheduled backups are off (CONTENT_LAKE_BACKUP_INTERVAL_HOURS=off): run \`content-lake backup\` from a timer.`)
    return undefined
  }
  const schedule = new BackupSchedule({dataDir: config.dataDir, backupDir: dir, keep, settingsFiles}, intervalHours, output)
  schedule.start()
  return schedule
}
