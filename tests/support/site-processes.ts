import {type ChildProcess, fork} from 'node:child_process'
import path from 'node:path'

const ROOT = path.resolve(import.meta.dirname, '..', '..')

export interface Service {
  url: string
  child: ChildProcess
  output(): string
  /** Stops it and waits until it has exited. */
  stop(signal?: NodeJS.Signals): Promise<void>
}

/**
 * Forks one of the stack's TypeScript entry points (the lake, the site) as `npm start` does and
 * resolves when it reports `{type: 'ready', url}`: for tests that need to stop and restart one
 * part of the stack on its own.
 */
export function forkService(entry: string, env: Record<string, string>): Promise<Service> {
  const child = fork(path.join(ROOT, entry), {
    cwd: ROOT,
    execArgv: ['--import', 'tsx'],
    env: {...process.env, ...env},
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  })
  let output = ''
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()))
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()))
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${entry} was not ready in time:\n${output}`)), 60_000)
    void exited.then(() => {
      clearTimeout(timer)
      reject(new Error(`${entry} exited before it was ready:\n${output}`))
    })
    child.on('message', (message: {type?: string; url?: string}) => {
      if (message.type !== 'ready' || !message.url) return
      clearTimeout(timer)
      resolve({
        url: message.url,
        child,
        output: () => output,
        stop: async (signal = 'SIGTERM') => {
          if (child.exitCode === null && child.signalCode === null) child.kill(signal)
          await exited
        },
      })
    })
  })
}
