import {parseArgs} from 'node:util'
import {configFromEnv} from '../config'
import {ContentLake, type ImportMode} from '../lake'
import {importDump} from '../transfer/import-dump'
import {datasetOption, parseCommandLine, UsageError} from './command-line'
import {whileOwned} from './owned-data-dir'

/** `content-lake import <file> [--dataset name] [--replace | --missing]` */
export async function run(args: string[]): Promise<void> {
  const {values, positionals} = parseCommandLine(() =>
    parseArgs({
      args,
      allowPositionals: true,
      options: {dataset: {type: 'string'}, replace: {type: 'boolean'}, missing: {type: 'boolean'}},
    }),
  )
  const [file, ...extra] = positionals
  if (!file || extra.length > 0) throw new UsageError('import takes one file: an .ndjson or a .tar.gz from `sanity dataset export`')
  if (values.replace && values.missing) throw new UsageError('--replace and --missing exclude each other')
  const mode: ImportMode = values.replace ? 'replace' : values.missing ? 'missing' : 'create'
  const dataset = datasetOption(values.dataset)

  const config = configFromEnv()
  await whileOwned(
    () => new ContentLake(config),
    (lake) => lake.close(),
    async (lake) => {
      const summary = await importDump(lake, file, {dataset, mode, log: (line) => console.log(line)})
      console.log(
        `Imported into dataset "${dataset}" (${config.dataDir}): ${summary.written} document(s) written, ` +
          `${summary.skipped} skipped as already present, ${summary.assets} asset file(s) imported.`,
      )
    },
  )
}
