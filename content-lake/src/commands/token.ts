import {parseArgs} from 'node:util'
import {configFromEnv} from '../config'
import {parseCommandLine} from './command-line'

/** `content-lake token`: the write token this lake's settings give, for scripts and Studio. */
export async function run(args: string[]): Promise<void> {
  parseCommandLine(() => parseArgs({args, options: {}, strict: true}))
  const token = configFromEnv().administratorToken
  if (token) {
    console.log(token)
    return
  }
  console.error(
    [
      'No write token is configured: CONTENT_LAKE_TOKEN is not set, so the lake is read-only.',
      'Set one (16+ characters) before starting the lake, for example:',
      '  export CONTENT_LAKE_TOKEN="$(openssl rand -hex 24)"',
      '`npm start` makes one on its first run and keeps it in .data/content-lake-token',
      '(in $DATA_DIR when that is set): `cat .data/content-lake-token` shows it.',
    ].join('\n'),
  )
  process.exitCode = 1
}
