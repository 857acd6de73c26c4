import fsp from 'node:fs/promises'
import path from 'node:path'
import {parseArgs} from 'node:util'
import {configFromEnv} from '../config'
import {lockDataDir} from '../store/data-dir-lock'
import {datasetOption, parseCommandLine, UsageError} from './command-line'
import {whileOwned} from './owned-data-dir'

/** A dataset on disk: its SQLite file with SQLite's companions, and its asset files. */
function datasetPaths(dataDir: string, dataset: string): string[] {
  const database = path.join(dataDir, `${dataset}.sqlite`)
  return [database, `${database}-wal`, `${database}-shm`, `${database}-journal`, path.join(dataDir, 'assets', dataset)]
}

async function exists(file: string): Promise<boolean> {
  return fsp.access(file).then(
    () => true,
    () => false,
  )
}

/** `content-lake reset [--dataset name] --yes`: deletes a dataset with its history and assets. */
export async function run(args: string[]): Promise<void> {
  const {values} = parseCommandLine(() => parseArgs({args, options: {dataset: {type: 'string'}, yes: {type: 'boolean'}}}))
  const dataset = datasetOption(values.dataset)
  const {dataDir} = configFromEnv()
  const paths = datasetPaths(dataDir, dataset)
  if (!values.yes) {
    throw new UsageError(
      `reset deletes dataset "${dataset}" in ${dataDir} for good: its documents, history and asset files. Run it again with --yes to go ahead.`,
    )
  }
  await whileOwned(
    () => lockDataDir(dataDir),
    (unlock) => unlock(),
    async () => {
      const present = (await Promise.all(paths.map(async (file) => ((await exists(file)) ? [file] : [])))).flat()
      for (const file of present) await fsp.rm(file, {recursive: true, force: true})
      console.log(
        present.length > 0
          ? `Deleted dataset "${dataset}" (${present.map((file) => path.relative(dataDir, file)).join(', ')} in ${dataDir}).`
          : `Dataset "${dataset}" does not exist in ${dataDir}; nothing to delete.`,
      )
    },
  )
}
