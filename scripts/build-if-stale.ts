import {spawnSync} from 'node:child_process'
import {createHash} from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'

export const ROOT = path.resolve(import.meta.dirname, '..')

/** A build that runs only when what it reads changed since its last successful run. */
export interface Build {
  /** For the log: "Building the <name>…". */
  name: string
  /** Files and folders (relative to the repository) the build reads. */
  inputs: string[]
  /** Folders inside the inputs to leave out: the build's own output, installed packages. */
  ignore?: string[]
  /** Settings the build bakes in; a change to any of them calls for a new build too. */
  settings?: Record<string, string>
  /** Where the hash of the last build's inputs is kept, relative to the repository. */
  stamp: string
  /** A file only a finished build leaves behind, relative to the repository. */
  output: string
  /** The Node.js script to run and its arguments. */
  command: string[]
  cwd?: string
  env?: Record<string, string>
}

function* files(entry: string, ignore: ReadonlySet<string>): Generator<string> {
  const full = path.join(ROOT, entry)
  if (ignore.has(entry) || !fs.existsSync(full)) return
  if (fs.statSync(full).isFile()) {
    yield entry
    return
  }
  for (const child of fs.readdirSync(full).sort()) yield* files(path.join(entry, child), ignore)
}

/** A hash of everything the build reads: names and contents, so any edit shows, and its settings. */
function inputsHash(build: Build): string {
  const hash = createHash('sha256')
  const ignore = new Set((build.ignore ?? []).map((entry) => path.normalize(entry)))
  for (const file of build.inputs.flatMap((input) => [...files(input, ignore)])) {
    hash
      .update(file)
      .update('\0')
      .update(fs.readFileSync(path.join(ROOT, file)))
      .update('\0')
  }
  hash.update(JSON.stringify(Object.entries(build.settings ?? {}).sort()))
  return hash.digest('hex')
}

/** Runs the build unless the last one came from exactly these sources and settings. */
export function buildIfStale(build: Build, log: (line: string) => void = console.log): void {
  const hash = inputsHash(build)
  const stamp = path.join(ROOT, build.stamp)
  const built = fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8') === hash
  if (built && fs.existsSync(path.join(ROOT, build.output))) return
  log(`Building the ${build.name}…`)
  const [script = '', ...args] = build.command
  const result = spawnSync(process.execPath, [path.join(ROOT, script), ...args], {
    cwd: path.join(ROOT, build.cwd ?? '.'),
    stdio: ['ignore', 'inherit', 'inherit'],
    env: {...process.env, ...build.env},
  })
  if (result.status !== 0) throw new Error(`The ${build.name} build failed (see the output above)`)
  fs.mkdirSync(path.dirname(stamp), {recursive: true})
  fs.writeFileSync(stamp, hash)
}
