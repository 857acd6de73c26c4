import path from 'node:path'
import {parseArgs} from 'node:util'
import {BadBackupError} from '../backup/manifest'
import {describeContents} from '../backup/report'
import {restoreBackup} from '../backup/restore-backup'
import {configFromEnv} from '../config'
import {lockDataDir} from '../store/data-dir-lock'
import {parseCommandLine, UsageError} from './command-line'
import {whileOwned} from './owned-data-dir'

/** `content-lake restore <backup-folder>`: replaces the data folder's contents with a backup's, keeping the old aside. */
export async function run(args: string[]): Promise<void> {
  const {positionals} = parseCommandLine(() => parseArgs({args, allowPositionals: true, options: {}}))
  const [given, ...extra] = positionals
  if (!given || extra.length > 0) throw new UsageError('restore takes one backup folder (see `content-lake backup --list`)')
  const folder = path.resolve(given)
  const {dataDir} = configFromEnv()

  await whileOwned(
    () => lockDataDir(dataDir),
    (unlock) => unlock(),
    async () => {
      const summary = await restoreBackup(folder, dataDir).catch((error: unknown) => {
        if (!(error instanceof BadBackupError)) throw error
        throw new UsageError(`Not restored: the backup ${folder} cannot be used, as ${error.message}. The data folder ${dataDir} was not changed.`)
      })
      const {manifest, putAside} = summary
      console.log(`Restored the backup of ${manifest.createdAt} into ${dataDir}: ${describeContents(manifest)}.`)
      console.log(
        putAside ? `What the data folder held before is in ${putAside}; delete it once the restored lake looks right.` : 'The data folder was empty before.',
      )
      for (const {setting, from} of manifest.settings) {
        console.log(
          `The backup also holds ${setting} as it was (read from ${from}) in ${path.join(folder, 'settings', setting)}; ` +
            'it was not put back: copy it to where the setting points if that file was lost too.',
        )
      }
      console.log('Start the lake to serve the restored data.')
    },
  )
}
