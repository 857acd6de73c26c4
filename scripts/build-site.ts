import {spawnSync} from 'node:child_process'
import {createHash} from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'

const ROOT = path.resolve(import.meta.dirname, '..')
const STAMP = path.join(ROOT, 'build', '.inputs-hash')
const INPUTS = ['app', 'public', 'remix.config.js', 'package-lock.json', 'tsconfig.json']

function* files(entry: string): Generator<string> {
  const full = path.join(ROOT, entry)
  if (!fs.existsSync(full)) return
  if (fs.statSync(full).isFile()) {
    yield entry
    return
  }
  for (const child of fs.readdirSync(full).sort()) {
    const relative = path.join(entry, child)
    // public/build is the compiler's own output.
    if (relative === path.join('public', 'build')) continue
    yield* files(relative)
  }
}

/** A hash of everything the site build reads: names and contents, so any edit shows. */
function inputsHash(): string {
  const hash = createHash('sha256')
  for (const file of INPUTS.flatMap((input) => [...files(input)])) {
    hash.update(file).update('\0').update(fs.readFileSync(path.join(ROOT, file))).update('\0')
  }
  return hash.digest('hex')
}

/** Builds the Remix site unless the last build came from exactly these sources. */
export function buildSiteIfStale(log: (line: string) => void = console.log): void {
  const hash = inputsHash()
  const built = fs.existsSync(STAMP) && fs.readFileSync(STAMP, 'utf8') === hash
  if (built && fs.existsSync(path.join(ROOT, 'build', 'index.js'))) return
  log('Building the site…')
  const remix = path.join(ROOT, 'node_modules', '@remix-run', 'dev', 'dist', 'cli.js')
  const result = spawnSync(process.execPath, [remix, 'build'], {
    cwd: ROOT,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: {...process.env, NODE_ENV: 'production'},
  })
  if (result.status !== 0) throw new Error('The site build failed (see the output above)')
  fs.writeFileSync(STAMP, hash)
}
