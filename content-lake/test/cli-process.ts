import {spawn} from 'node:child_process'
import path from 'node:path'

const ROOT = path.resolve(import.meta.dirname, '..', '..')
const CLI = path.join(ROOT, 'content-lake', 'src', 'cli.ts')

export interface CliResult {
  code: number | null
  stdout: string
  stderr: string
}

/** Runs the lake's command line as a user would, on the given data folder, and collects what it prints. */
export function runCli(args: string[], dataDir: string, env: Record<string, string> = {}): Promise<CliResult> {
  const child = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], {
    cwd: ROOT,
    env: {...process.env, CONTENT_LAKE_DATA_DIR: dataDir, CONTENT_LAKE_HTTPS_PORT: 'off', ...env},
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  return new Promise((resolve, reject) => {
    child.once('error', reject)
    child.once('close', (code) => resolve({code, stdout, stderr}))
  })
}
