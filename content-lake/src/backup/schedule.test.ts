import fs from 'node:fs'
import path from 'node:path'
import {afterEach, expect, test} from 'vitest'
import {startLakeProcess, temporaryDataDir, type LakeProcess} from '../../test/lake-process'
import {ConfigError, configFromEnv} from '../config'
import {completeBackups} from './backup-folders'
import {nextBackupDue} from './schedule'

let lake: LakeProcess | undefined

afterEach(async () => {
  await lake?.stop()
  lake = undefined
})

test('backup settings have safe defaults; a backup folder in the data folder, or a bad number, fails the start', () => {
  const dataDir = temporaryDataDir()
  expect(configFromEnv({CONTENT_LAKE_DATA_DIR: dataDir}).backup).toEqual({intervalHours: 24, keep: 14, settingsFiles: []})
  expect(
    configFromEnv({
      CONTENT_LAKE_DATA_DIR: dataDir,
      CONTENT_LAKE_BACKUP_DIR: '/mnt/backups/lake',
      CONTENT_LAKE_BACKUP_INTERVAL_HOURS: 'off',
      CONTENT_LAKE_BACKUP_KEEP: '30',
    }).backup,
  ).toEqual({dir: '/mnt/backups/lake', intervalHours: null, keep: 30, settingsFiles: []})

  const bad: Record<string, string>[] = [
    {CONTENT_LAKE_BACKUP_DIR: path.join(dataDir, 'backups')},
    {CONTENT_LAKE_BACKUP_DIR: path.dirname(dataDir)},
    {CONTENT_LAKE_BACKUP_INTERVAL_HOURS: '0'},
    {CONTENT_LAKE_BACKUP_INTERVAL_HOURS: '1.5'},
    {CONTENT_LAKE_BACKUP_INTERVAL_HOURS: '169'},
    {CONTENT_LAKE_BACKUP_KEEP: '0'},
    {CONTENT_LAKE_BACKUP_KEEP: 'all'},
  ]
  for (const env of bad) expect(() => configFromEnv({CONTENT_LAKE_DATA_DIR: dataDir, ...env}), JSON.stringify(env)).toThrow(ConfigError)
})

test('the next backup is due an interval after the newest, at once when there is none or it is overdue, and never further off than an interval', () => {
  const now = new Date('2026-12-01T12:00:00Z')
  expect(nextBackupDue(undefined, 24, now)).toEqual(now)
  expect(nextBackupDue(new Date('2026-12-01T03:00:00Z'), 24, now)).toEqual(new Date('2026-12-02T03:00:00Z'))
  expect(nextBackupDue(new Date('2026-11-29T03:00:00Z'), 24, now)).toEqual(now)
  expect(nextBackupDue(new Date('2027-06-01T00:00:00Z'), 24, now)).toEqual(new Date('2026-12-02T12:00:00Z'))
})

test('a lake with a backup folder backs itself up (no backup yet: at start), settings files included, and keeps serving', async () => {
  const dataDir = temporaryDataDir()
  const backupDir = path.join(temporaryDataDir(), 'backups')
  const tokensFile = path.join(temporaryDataDir(), 'tokens.json')
  fs.writeFileSync(tokensFile, JSON.stringify([{name: 'site', role: 'editor', sha256: 'a'.repeat(64)}]))
  lake = await startLakeProcess(dataDir, {CONTENT_LAKE_BACKUP_DIR: backupDir, CONTENT_LAKE_TOKENS_FILE: tokensFile})
  await lake.client().create({_id: 'during', _type: 'thing'})

  const deadline = Date.now() + 20_000
  while (completeBackups(backupDir).length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100))
  const [backup, ...more] = completeBackups(backupDir)
  expect(more).toEqual([])
  const manifest = JSON.parse(fs.readFileSync(path.join(backup!.folder, 'manifest.json'), 'utf8'))
  expect(manifest.datasets.map(({name}: {name: string}) => name)).toEqual(['production'])
  expect(manifest.settings).toEqual([{setting: 'CONTENT_LAKE_TOKENS_FILE', from: tokensFile}])
  expect(fs.readFileSync(path.join(backup!.folder, 'settings', 'CONTENT_LAKE_TOKENS_FILE'), 'utf8')).toBe(fs.readFileSync(tokensFile, 'utf8'))
  expect(await lake.client().getDocument('during')).toBeTruthy()
})
