import {createHash} from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import {expect, test} from 'vitest'
import {runCli} from '../../test/cli-process'
import {temporaryDataDir} from '../../test/lake-process'
import {storedDocuments, storeDocuments} from '../../test/stored-documents'
import {completeBackups} from './backup-folders'
import type {Manifest} from './manifest'
import {takeBackup, type BackupOptions} from './take-backup'

// Backups of a data folder on disk, taken in this process as the lake's schedule and the CLI
// take them, and restored by the CLI.

const bytes = Buffer.from('the bytes of an uploaded file')
const sha1 = createHash('sha1').update(bytes).digest('hex')
const assetPath = (root: string) => path.join(root, 'assets', 'production', `${sha1}.txt`)

async function dataFolder(): Promise<string> {
  const dataDir = temporaryDataDir()
  await storeDocuments(dataDir, [{_id: 'post-1', _type: 'post', title: 'Kept'}])
  fs.mkdirSync(path.dirname(assetPath(dataDir)), {recursive: true})
  fs.writeFileSync(assetPath(dataDir), bytes)
  return dataDir
}

function options(dataDir: string, keep = 3): BackupOptions {
  return {dataDir, backupDir: path.join(temporaryDataDir(), 'backups'), keep, settingsFiles: []}
}

const manifestOf = (folder: string) => JSON.parse(fs.readFileSync(path.join(folder, 'manifest.json'), 'utf8')) as Manifest

test('retention keeps the newest N backups; backups share the asset files they have in common', async () => {
  const settings = options(await dataFolder(), 3)
  const made: string[] = []
  for (let i = 0; i < 5; i++) made.push((await takeBackup(settings)).folder)

  expect(completeBackups(settings.backupDir).map(({folder}) => folder)).toEqual(made.slice(2).reverse())
  expect(fs.readdirSync(settings.backupDir).sort()).toEqual(made.slice(2).map((folder) => path.basename(folder)))
  const inodes = made.slice(2).map((folder) => fs.statSync(path.join(folder, 'data', 'assets', 'production', `${sha1}.txt`)).ino)
  expect(new Set(inodes).size).toBe(1)

  const keepOne = {...settings, keep: 1}
  const {folder, removed} = await takeBackup(keepOne)
  expect(removed.sort()).toEqual(made.slice(2).sort())
  expect(completeBackups(settings.backupDir).map((backup) => backup.folder)).toEqual([folder])
})

test('an asset file damaged in the previous backup is copied afresh, not linked', async () => {
  const settings = options(await dataFolder())
  const first = await takeBackup(settings)
  fs.writeFileSync(assetPath(path.join(first.folder, 'data')), 'rotten')

  const second = await takeBackup(settings)
  const copy = assetPath(path.join(second.folder, 'data'))
  expect(fs.readFileSync(copy).equals(bytes)).toBe(true)
  expect(manifestOf(second.folder).files).toContainEqual({
    path: `data/assets/production/${sha1}.txt`,
    bytes: bytes.length,
    sha256: createHash('sha256').update(bytes).digest('hex'),
  })
})

test('a failed backup leaves nothing that counts as one, and deletes no older backup', async () => {
  const settings = options(await dataFolder(), 1)
  const good = await takeBackup(settings)
  // What a crashed backup process (long gone) left half written.
  fs.mkdirSync(path.join(settings.backupDir, '.incomplete-999999999-abc'))
  fs.writeFileSync(path.join(settings.dataDir, 'broken.sqlite'), 'not a database')

  await expect(takeBackup(settings)).rejects.toThrow(/not a database/)
  expect(fs.readdirSync(settings.backupDir)).toEqual([path.basename(good.folder)])
})

test('restore refuses a damaged backup with a clear message and leaves the data folder as it was', async () => {
  const dataDir = await dataFolder()
  const {folder} = await takeBackup(options(dataDir))
  await storeDocuments(dataDir, [{_id: 'post-2', _type: 'post', title: 'Written after the backup'}])
  const restore = () => runCli(['restore', folder], dataDir)

  const database = path.join(folder, 'data', 'production.sqlite')
  const original = fs.readFileSync(database)
  const flipped = Buffer.from(original)
  flipped[flipped.length - 100] = flipped[flipped.length - 100]! ^ 1
  fs.writeFileSync(database, flipped)
  const damaged = await restore()
  expect(damaged.code).toBe(1)
  expect(damaged.stderr).toBe(
    `Not restored: the backup ${folder} cannot be used, as it is damaged: data/production.sqlite (does not match its checksum). ` +
      `The data folder ${dataDir} was not changed.\n`,
  )

  fs.writeFileSync(database, original)
  fs.rmSync(assetPath(path.join(folder, 'data')))
  expect((await restore()).stderr).toContain(`it is damaged: data/assets/production/${sha1}.txt (missing)`)

  // A manifest may not send a file outside the data folder.
  const manifest = manifestOf(folder)
  manifest.files.push({path: 'data/../../escaped.txt', bytes: 1, sha256: '0'.repeat(64)})
  fs.writeFileSync(path.join(folder, 'manifest.json'), JSON.stringify(manifest))
  expect((await restore()).stderr).toContain('its manifest.json is damaged (a field is missing or names a file a backup does not hold)')

  fs.rmSync(path.join(folder, 'manifest.json'))
  expect((await restore()).stderr).toContain('it has no manifest.json: it is not a backup, or it was never finished')

  expect((await storedDocuments(dataDir)).map(({_id}) => _id)).toEqual(['post-1', 'post-2'])
  expect(fs.readdirSync(dataDir).filter((entry) => entry.startsWith('before-restore-') || entry.startsWith('.restoring'))).toEqual([])
})

test('restore keeps what the data folder held aside, and the restored folder is the backed-up one', async () => {
  const dataDir = await dataFolder()
  const {folder} = await takeBackup(options(dataDir))
  await storeDocuments(dataDir, [{_id: 'post-2', _type: 'post', title: 'Written after the backup'}])

  const restored = await runCli(['restore', folder], dataDir)
  expect(restored.code).toBe(0)
  const [aside, ...more] = fs.readdirSync(dataDir).filter((entry) => entry.startsWith('before-restore-'))
  expect(more).toEqual([])
  expect(restored.stdout).toContain(`What the data folder held before is in ${path.join(dataDir, aside!)}`)
  expect((await storedDocuments(dataDir)).map(({_id}) => _id)).toEqual(['post-1'])
  expect(fs.readFileSync(assetPath(dataDir)).equals(bytes)).toBe(true)
  // The replaced data is whole in its folder.
  expect((await storedDocuments(path.join(dataDir, aside!))).map(({_id}) => _id)).toEqual(['post-1', 'post-2'])
})

test('the backup command needs a folder outside the data folder, and lists the backups there', async () => {
  const dataDir = await dataFolder()
  const nowhere = await runCli(['backup'], dataDir, {CONTENT_LAKE_BACKUP_DIR: ''})
  expect(nowhere.code).toBe(1)
  expect(nowhere.stderr).toContain('Set CONTENT_LAKE_BACKUP_DIR (a folder on another disk) or give --to <folder>')

  const inside = await runCli(['backup', '--to', path.join(dataDir, 'backups')], dataDir)
  expect(inside.code).toBe(1)
  expect(inside.stderr).toContain('must be outside the data folder')
  expect(fs.existsSync(path.join(dataDir, 'backups'))).toBe(false)

  const backupDir = path.join(temporaryDataDir(), 'backups')
  expect((await runCli(['backup', '--to', backupDir], dataDir)).code).toBe(0)
  const listed = await runCli(['backup', '--list', '--to', backupDir], dataDir)
  expect(listed.stdout).toMatch(/content-lake-\S+Z {2}production \(1 document\) and 1 asset file \(1 KB\)\n$/)
})
