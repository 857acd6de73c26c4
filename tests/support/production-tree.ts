import {type ChildProcess, execFileSync, spawn} from 'node:child_process'
import {createHash, randomBytes} from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

const ROOT = path.resolve(import.meta.dirname, '..', '..')

/**
 * A copy of this checkout built with `npm run build` and then installed as a server is
 * (docs/deploying.md): `npm ci --omit=dev` for the site and the lake, the Studio's workspace
 * left out (its build is static files). The build reuses this checkout's node_modules by hard
 * links (the build has every dev dependency, as on a build machine); `npm ci` then deletes
 * them and installs the production ones from npm's cache (`--prefer-offline`: CI's own
 * `npm ci` has just filled it).
 *
 * npm keeps three dev tools in a production install: vitest is an optional peer of get-it
 * (under @sanity/client), and vitest brings vite, tsx and esbuild. Nothing may use them at run
 * time, so they are deleted: whatever still reached for a TypeScript loader would then fail.
 */
export interface ProductionTree {
  root: string
  remove(): void
}

/** The dev tools a production install still holds only as optional peers (see above). */
const DEV_TOOLS_NPM_KEEPS = ['tsx', 'esbuild', 'vitest', 'vite', 'typescript']

function run(command: string, args: string[], cwd: string): void {
  try {
    execFileSync(command, args, {cwd, stdio: 'pipe', env: {...process.env, SANITY_TELEMETRY_DISABLED: '1', NO_UPDATE_NOTIFIER: '1'}})
  } catch (error) {
    const {stdout, stderr} = error as {stdout?: Buffer; stderr?: Buffer}
    throw new Error(`${command} ${args.join(' ')} failed in ${cwd}:\n${stdout?.toString() ?? ''}${stderr?.toString() ?? ''}`)
  }
}

/** Every folder named `name` inside node_modules trees under `folder`. */
function* installedCopies(folder: string, names: ReadonlySet<string>): Generator<string> {
  for (const entry of fs.readdirSync(folder, {withFileTypes: true})) {
    if (!entry.isDirectory()) continue
    const full = path.join(folder, entry.name)
    if (path.basename(folder) === 'node_modules' && names.has(entry.name)) yield full
    else yield* installedCopies(full, names)
  }
}

export function makeProductionTree(): ProductionTree {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'life-in-balance-production-'))
  // What a clone of this checkout holds, uncommitted edits included.
  const files = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {cwd: ROOT})
    .toString()
    .split('\0')
    .filter((file) => file && fs.existsSync(path.join(ROOT, file)))
  for (const file of files) {
    fs.mkdirSync(path.dirname(path.join(root, file)), {recursive: true})
    fs.copyFileSync(path.join(ROOT, file), path.join(root, file))
  }
  for (const modules of ['node_modules', 'content-lake/node_modules', 'studio/node_modules']) {
    run('cp', ['-al', path.join(ROOT, modules), path.join(root, modules)], ROOT)
  }
  // The Studio's last build, with the hash of the sources it came from: `npm run build` builds
  // it again only if they differ (a minute of CPU otherwise spent on every run of this test).
  if (fs.existsSync(path.join(ROOT, 'studio', 'dist'))) run('cp', ['-a', path.join(ROOT, 'studio', 'dist'), path.join(root, 'studio', 'dist')], ROOT)
  run('npm', ['run', 'build'], root)
  run('npm', ['ci', '--omit=dev', '--workspace=content-lake', '--include-workspace-root', '--prefer-offline', '--no-audit', '--no-fund'], root)
  for (const copy of installedCopies(path.join(root, 'node_modules'), new Set(DEV_TOOLS_NPM_KEEPS))) fs.rmSync(copy, {recursive: true, force: true})
  fs.rmSync(path.join(root, 'studio', 'node_modules'), {recursive: true, force: true})
  return {root, remove: () => fs.rmSync(root, {recursive: true, force: true})}
}

export interface BuiltService {
  child: ChildProcess
  output(): string
  /** The `node` process the npm script started (npm runs it through a shell). */
  nodeProcess(): {pid: number; argv: string[]; env: Record<string, string>}
  stop(): Promise<void>
}

function childPids(pid: number): number[] {
  const tasks = fs.readdirSync(`/proc/${pid}/task`)
  return tasks.flatMap((task) => fs.readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').split(' ').filter(Boolean).map(Number))
}

function nodeUnder(pid: number): number | undefined {
  const argv0 = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0')[0] ?? ''
  if (path.basename(argv0) === 'node' && childPids(pid).length === 0) return pid
  for (const child of childPids(pid)) {
    const found = nodeUnder(child)
    if (found) return found
  }
  return undefined
}

function readNullSeparated(file: string): string[] {
  return fs.readFileSync(file, 'utf8').split('\0').filter(Boolean)
}

/**
 * Only these settings, with PATH and HOME, as systemd's EnvironmentFile gives a service: none of
 * this test's own variables (NODE_OPTIONS included) reach what it starts.
 */
export function onlySettings(settings: Record<string, string>): NodeJS.ProcessEnv {
  // NODE_ENV as the systemd units in deploy/ set it (the npm scripts set it too).
  return {PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? '/', NODE_ENV: 'production', ...settings}
}

/**
 * Runs one of the tree's npm scripts (`serve`, `serve:lake`) with only the settings given, until
 * `readyUrl` answers 200.
 */
export async function startFromBuild(tree: ProductionTree, script: string, env: Record<string, string>, readyUrl: string): Promise<BuiltService> {
  const child = spawn('npm', ['run', '--silent', script], {
    cwd: tree.root,
    detached: true,
    env: onlySettings(env),
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()))
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()))
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  const deadline = Date.now() + 60_000
  for (;;) {
    if (child.exitCode !== null) throw new Error(`npm run ${script} exited with code ${child.exitCode}:\n${output}`)
    if (Date.now() > deadline) throw new Error(`npm run ${script} was not ready in time:\n${output}`)
    const ready = await fetch(readyUrl).then(
      (response) => response.ok,
      () => false,
    )
    if (ready) break
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
  return {
    child,
    output: () => output,
    nodeProcess: () => {
      const pid = nodeUnder(child.pid!)
      if (!pid) throw new Error(`No node process under npm run ${script}`)
      const environment = Object.fromEntries(
        readNullSeparated(`/proc/${pid}/environ`).map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
      )
      return {pid, argv: readNullSeparated(`/proc/${pid}/cmdline`), env: environment}
    },
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) process.kill(-child.pid!, 'SIGTERM')
      await exited
    },
  }
}

/** A production lake's tokens, as docs/deploying.md has an owner make them: random, the file holding digests only. */
export interface LakeTokens {
  administrator: string
  /** The site's Editor token (SANITY_API_WRITE_TOKEN). */
  site: string
  /** The site's public pages' reader token (CONTENT_LAKE_READER_TOKEN). */
  reader: string
  file: string
}

export function writeLakeTokens(folder: string): LakeTokens {
  const [administrator, site, reader] = [0, 1, 2].map(() => randomBytes(32).toString('hex')) as [string, string, string]
  const sha256 = (token: string) => createHash('sha256').update(token).digest('hex')
  const file = path.join(folder, 'content-lake-tokens.json')
  fs.writeFileSync(
    file,
    JSON.stringify([
      {name: 'site', role: 'editor', sha256: sha256(site)},
      {name: 'site-reader', role: 'reader', sha256: sha256(reader)},
    ]),
    {mode: 0o600},
  )
  return {administrator, site, reader, file}
}
