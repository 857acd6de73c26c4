import {type ChildProcess, spawn} from 'node:child_process'
import net from 'node:net'
import path from 'node:path'
import {readStackFile} from '../../scripts/stack-file'

const ROOT = path.resolve(import.meta.dirname, '..', '..')
const READY = 'Press Ctrl-C to stop.'

export interface RunningStack {
  siteUrl: string
  lakeUrl: string
  /** The lake's HTTPS + HTTP/2 listener, for browsers. */
  lakeHttpsUrl: string
  dataDir: string
  /** The Akismet stand-in, when npm start ran one (no AKISMET_KEY). */
  akismetUrl?: string
  /** The mail catcher's web side (its JSON API reads what the site emailed), when npm start ran it (no SMTP_URL). */
  mailUrl?: string
  /** The sign-in stand-ins, when npm start ran them (providers without client ids). */
  oauthUrl?: string
  oidcUrl?: string
  child: ChildProcess
  /** Everything the command printed so far. */
  output(): string
  /** Sends a signal to the whole command (as Ctrl-C does) and resolves with its exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>
}

// Below the kernel's ephemeral range (32768–60999 on Linux), from which outgoing connections
// and port-0 listeners take their ports: a port picked here and bound seconds later by npm
// start is then not taken meanwhile by one of those.
const PICKED_PORTS = {from: 20_000, to: 32_000}

function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer()
    server.once('error', () => resolve(false))
    server.listen(port, () => server.close(() => resolve(true)))
  })
}

export async function freePort(): Promise<number> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const port = PICKED_PORTS.from + Math.floor(Math.random() * (PICKED_PORTS.to - PICKED_PORTS.from))
    if (await canListen(port)) return port
  }
  throw new Error(`No free port between ${PICKED_PORTS.from} and ${PICKED_PORTS.to}`)
}

/** Runs the README's `npm start` on free ports with its own data folder, until it is ready. */
export async function startStack(dataDir: string, env: Record<string, string> = {}): Promise<RunningStack> {
  const [sitePort, lakePort, lakeHttpsPort] = [await freePort(), await freePort(), await freePort()]
  const child = spawn('npm', ['start'], {
    cwd: ROOT,
    // Its own process group, so a signal reaches npm and everything under it, like Ctrl-C.
    detached: true,
    env: {
      ...process.env,
      PORT: String(sitePort),
      CONTENT_LAKE_PORT: String(lakePort),
      CONTENT_LAKE_HTTPS_PORT: String(lakeHttpsPort),
      DATA_DIR: dataDir,
      // Any free port: a developer's own stack may hold the default 3025.
      MAIL_CATCHER_PORT: '0',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()))
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()))
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))

  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`npm start was not ready in time:\n${output}`)), 180_000)
    const check = () => {
      if (output.includes(READY)) {
        clearTimeout(timer)
        resolve()
      }
    }
    child.stdout!.on('data', check)
    void exited.then((code) => {
      clearTimeout(timer)
      reject(new Error(`npm start exited with code ${code}:\n${output}`))
    })
  })

  return {
    siteUrl: `http://localhost:${sitePort}`,
    lakeUrl: `http://127.0.0.1:${lakePort}`,
    lakeHttpsUrl: `https://localhost:${lakeHttpsPort}`,
    dataDir,
    akismetUrl: readStackFile(dataDir).akismetUrl,
    mailUrl: readStackFile(dataDir).mailUrl,
    oauthUrl: readStackFile(dataDir).oauthUrl,
    oidcUrl: readStackFile(dataDir).oidcUrl,
    child,
    output: () => output,
    stop: async (signal = 'SIGINT') => {
      if (child.exitCode === null && child.signalCode === null) process.kill(-child.pid!, signal)
      return exited
    },
  }
}
