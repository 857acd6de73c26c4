import {ConfigError} from './config'
import {UsageError} from './commands/command-line'
import {TransferError} from './transfer/transfer-error'

const USAGE = `Usage: content-lake [command] [options]

  start                 serve the API over HTTP and HTTPS (the default)
  import <file>         load a \`sanity dataset export\` file (.tar.gz, .ndjson) into a dataset
      --dataset <name>    default: production
      --replace           overwrite documents that exist    --missing   skip them
                          (by default the import fails if any exists)
  export <file>         write a dataset as \`sanity dataset import\` reads it (.tar.gz, .ndjson)
      --dataset <name>    default: production
      --types <a,b>       only these document types
      --no-drafts         leave out drafts and release versions
      --no-assets         leave out assets and the fields that refer to them
      --raw               documents exactly as stored, asset references not rewritten
  reset --yes           delete a dataset (--dataset, default production) with its assets
  backup                back up every dataset, asset and the local CA, also while a lake runs,
                        into CONTENT_LAKE_BACKUP_DIR, keeping the newest CONTENT_LAKE_BACKUP_KEEP (14)
      --to <folder>       back up there instead
      --list              list the backups there
  restore <folder>      put a backup in place of the data folder's contents (kept aside in it)
  token                 print the write token (CONTENT_LAKE_TOKEN)
  users add <name>      give a person their own Studio sign-in; prints it once
      --role <role>       editor (default), viewer or administrator
      --studio-url <url>  the Studio's address for the link (default: CONTENT_LAKE_PUBLIC_URL,
                          else this machine's HTTPS listener)
  users list            the Studio users and their roles
  users remove <name>   take a person's sign-in away (a running lake stops accepting it)

users, import, export, reset and restore work on the data folder directly (CONTENT_LAKE_DATA_DIR,
default .data/content-lake); all but users refuse while a lake serves it.`

interface Command {
  run(args: string[]): Promise<void>
}

// Loaded on demand: `token` should not wait for sharp and SQLite to load.
const COMMANDS: Record<string, () => Promise<Command>> = {
  start: () => import('./commands/start'),
  import: () => import('./commands/import'),
  export: () => import('./commands/export'),
  reset: () => import('./commands/reset'),
  backup: () => import('./commands/backup'),
  restore: () => import('./commands/restore'),
  token: () => import('./commands/token'),
  users: () => import('./commands/users'),
}

async function main(args: string[]): Promise<void> {
  const [name = 'start', ...rest] = args
  if (name === 'help' || name === '--help' || name === '-h') {
    console.log(USAGE)
    return
  }
  const load = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined
  if (!load) throw new UsageError(`Unknown command "${name}".\n\n${USAGE}`)
  await (await load()).run(rest)
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof ConfigError) console.error(`Configuration error: ${error.message}`)
  else if (error instanceof UsageError || error instanceof TransferError) console.error(error.message)
  else console.error(error)
  process.exit(1)
})
