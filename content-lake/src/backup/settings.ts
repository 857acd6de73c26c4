import path from 'node:path'
import {InvalidSettingError} from '../invalid-setting'

export interface BackupSettings {
  /** CONTENT_LAKE_BACKUP_DIR: where backups go; unset, the lake makes none by itself. */
  dir?: string
  /** Hours between the lake's own backups; null (`off`) leaves them to a timer that runs `content-lake backup`. */
  intervalHours: number | null
  /** How many complete backups to keep, the newest. */
  keep: number
  /** The settings files the lake reads (tokens, webhooks), copied into each backup for a rebuild elsewhere. */
  settingsFiles: SettingsFile[]
}

export interface SettingsFile {
  setting: 'CONTENT_LAKE_TOKENS_FILE' | 'CONTENT_LAKE_WEBHOOKS_FILE'
  file: string
}

export const DEFAULT_INTERVAL_HOURS = 24
export const DEFAULT_KEEP = 14
// A week: past that a scheduled backup is no safety net, and timers stay within what Node's can wait.
const MAX_INTERVAL_HOURS = 168

function wholeNumber(name: string, value: string | undefined, fallback: number, max: number): number {
  if (value === undefined || value === '') return fallback
  const parsed = Number(value)
  if (!/^\d+$/.test(value) || parsed < 1 || parsed > max) {
    throw new InvalidSettingError(`${name} must be a whole number from 1 to ${max}, got "${value}"`)
  }
  return parsed
}

function isWithin(folder: string, parent: string): boolean {
  const relative = path.relative(parent, folder)
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative))
}

/**
 * Checks that backups would not be lost with the data: a backup folder inside the data folder
 * (or holding it) goes with it when the disk or the folder does.
 */
export function checkBackupDir(backupDir: string, dataDir: string, name = 'CONTENT_LAKE_BACKUP_DIR'): string {
  const dir = path.resolve(backupDir)
  if (isWithin(dir, dataDir) || isWithin(dataDir, dir)) {
    throw new InvalidSettingError(
      `${name} (${dir}) must be outside the data folder (${dataDir}) and not hold it: a backup inside it is lost with it. Put backups on another disk.`,
    )
  }
  return dir
}

/** The backup settings, from the environment; `dataDir` is the lake's data folder (absolute). */
export function backupSettings(env: NodeJS.ProcessEnv, dataDir: string): BackupSettings {
  const interval = env.CONTENT_LAKE_BACKUP_INTERVAL_HOURS
  return {
    ...(env.CONTENT_LAKE_BACKUP_DIR ? {dir: checkBackupDir(env.CONTENT_LAKE_BACKUP_DIR, dataDir)} : {}),
    intervalHours: interval === 'off' ? null : wholeNumber('CONTENT_LAKE_BACKUP_INTERVAL_HOURS', interval, DEFAULT_INTERVAL_HOURS, MAX_INTERVAL_HOURS),
    keep: wholeNumber('CONTENT_LAKE_BACKUP_KEEP', env.CONTENT_LAKE_BACKUP_KEEP, DEFAULT_KEEP, 10_000),
    settingsFiles: (['CONTENT_LAKE_TOKENS_FILE', 'CONTENT_LAKE_WEBHOOKS_FILE'] as const).flatMap((setting) => {
      const file = env[setting]
      return file ? [{setting, file: path.resolve(file)}] : []
    }),
  }
}
