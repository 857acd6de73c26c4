import {type ChildProcess, fork} from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {createClient, type SanityClient} from '@sanity/client'

const CLI = path.resolve(import.meta.dirname, '..', 'src', 'cli.ts')

export const TEST_TOKEN = 'test-token-0123456789abcdef'

export interface LakeProcess {
  url: string
  /** The HTTPS + HTTP/2 listener, unless the test switched it off. */
  httpsUrl?: string
  dataDir: string
  child: ChildProcess
  /** A client with the write token, like the site's server and the seed use. */
  client(options?: {token?: string | null; apiVersion?: string}): SanityClient
  /** Stops the process (SIGTERM by default; SIGKILL to simulate a crash). */
  stop(signal?: NodeJS.Signals): Promise<void>
}

export function temporaryDataDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'content-lake-test-'))
}

/** Starts the real lake CLI as a child process on a free port and waits until it listens. */
export async function startLakeProcess(
  dataDir = temporaryDataDir(),
  env: Record<string, string> = {},
): Promise<LakeProcess> {
  const child = fork(CLI, {
    execArgv: ['--import', 'tsx'],
    env: {
      ...process.env,
      CONTENT_LAKE_PORT: '0',
      // A free port too: tests run side by side, and the default 3333 is the developer's own lake.
      CONTENT_LAKE_HTTPS_PORT: '0',
      CONTENT_LAKE_DATA_DIR: dataDir,
      CONTENT_LAKE_TOKEN: TEST_TOKEN,
      ...env,
    },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  })
  const {url, httpsUrl} = await new Promise<{url: string; httpsUrl?: string}>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`The lake exited during start-up (code ${code})`)))
    child.on('message', (message: {type?: string; url?: string; httpsUrl?: string}) => {
      if (message.type === 'ready' && message.url) resolve({url: message.url, httpsUrl: message.httpsUrl})
    })
  })
  return {
    url,
    httpsUrl,
    dataDir,
    child,
    client: ({token = TEST_TOKEN, apiVersion = '2025-02-19'} = {}) =>
      createClient({
        projectId: 'local',
        dataset: 'production',
        apiVersion,
        apiHost: url,
        useProjectHostname: false,
        useCdn: false,
        ...(token ? {token} : {}),
      }),
    stop: (signal = 'SIGTERM') =>
      new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve()
        child.once('exit', () => resolve())
        child.kill(signal)
      }),
  }
}
