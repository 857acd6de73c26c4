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

/** `PUT /datasets/production` as the administrator; a dataset already there (a restart) is fine. */
async function createProductionDataset(url: string, token: string): Promise<void> {
  const response = await fetch(`${url}/v2025-02-19/datasets/production`, {
    method: 'PUT',
    headers: {authorization: `Bearer ${token}`, 'content-type': 'application/json'},
    body: '{}',
  })
  if (!response.ok && response.status !== 409) throw new Error(`Creating the production dataset failed: ${response.status} ${await response.text()}`)
}

export function temporaryDataDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'content-lake-test-'))
}

/**
 * Starts the real lake CLI as a child process on a free port and waits until it listens. Its
 * `production` dataset is created (as an administrator would) unless `createDataset` is false:
 * reading a dataset never creates it.
 */
export async function startLakeProcess(
  dataDir = temporaryDataDir(),
  env: Record<string, string> = {},
  {createDataset = true}: {createDataset?: boolean} = {},
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
  if (createDataset) await createProductionDataset(url, env.CONTENT_LAKE_TOKEN ?? TEST_TOKEN)
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
