import path from 'node:path'
import {parseArgs} from 'node:util'
import {configFromEnv} from '../config'
import {ContentLake} from '../lake'
import {exportDump} from '../transfer/export-dump'
import {datasetOption, parseCommandLine, UsageError} from './command-line'
import {whileOwned} from './owned-data-dir'

/** `content-lake export <file> [--dataset name] [--types a,b] [--no-drafts] [--no-assets] [--raw]` */
export async function run(args: string[]): Promise<void> {
  const {values, positionals} = parseCommandLine(() =>
    parseArgs({
      args,
      allowPositionals: true,
      options: {
        dataset: {type: 'string'},
        types: {type: 'string'},
        'no-drafts': {type: 'boolean'},
        'no-assets': {type: 'boolean'},
        raw: {type: 'boolean'},
      },
    }),
  )
  const [file, ...extra] = positionals
  if (!file || extra.length > 0) throw new UsageError('export takes one file: a .tar.gz (with assets) or an .ndjson')
  const dataset = datasetOption(values.dataset)
  const types = (values.types ?? '')
    .split(',')
    .map((type) => type.trim())
    .filter(Boolean)

  await whileOwned(
    () => new ContentLake(configFromEnv()),
    (lake) => lake.close(),
    async (lake) => {
      const summary = await exportDump(lake, path.resolve(file), {
        dataset,
        types,
        drafts: !values['no-drafts'],
        assets: !values['no-assets'],
        raw: values.raw ?? false,
      })
      console.log(`Exported dataset "${dataset}" to ${file}: ${summary.documents} document(s), ${summary.assets} asset file(s).`)
      if (summary.missingAssets.length > 0) {
        console.warn(
          `${summary.missingAssets.length} referenced asset(s) have no stored document or file; their references were kept as they are: ` +
            summary.missingAssets.join(', '),
        )
      }
    },
  )
}
