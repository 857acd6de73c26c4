import {type ChildProcess, spawn} from 'node:child_process'
import {randomBytes} from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import {forkService, type Service} from './site-processes'
import {startSeededLake} from './site-with-own-lake'
import {freePort} from './stack'

const CADDY = '/usr/bin/caddy'

/** One request line of a site's JSON log (server/request-log.ts). */
export interface LoggedRequest {
  method: string
  path: string
  status: number
}

export interface SitesBehindCaddy {
  /** Caddy's address: what readers reach, and every site's SITE_URL. */
  url: string
  /** Each site process's own address, to ask one of them directly. */
  siteUrls: string[]
  lakeUrl: string
  token: string
  /** The requests each site process has answered so far, in order. */
  requestsAnswered(site: number): LoggedRequest[]
  stop(): Promise<void>
}

/**
 * A seeded lake, `count` site processes sharing one SITE_STATE_FILE and one SESSION_SECRET, as
 * a deployment runs them, and a real Caddy in front sending requests to them in turn
 * (round robin): what docs/operations.md describes for more than one site process.
 */
export async function startSitesBehindCaddy(count: number, env: Record<string, string> = {}): Promise<SitesBehindCaddy> {
  const seeded = await startSeededLake()
  const proxyPort = await freePort()
  const url = `http://localhost:${proxyPort}`
  const shared = {
    NODE_ENV: 'production',
    LOG_FORMAT: 'json',
    CONTENT_LAKE_URL: seeded.lakeUrl,
    SANITY_API_WRITE_TOKEN: seeded.token,
    SITE_URL: url,
    SESSION_SECRET: randomBytes(32).toString('base64url'),
    SITE_STATE_FILE: path.join(seeded.dataDir, 'site-state.sqlite'),
    TRUST_PROXY: 'loopback',
    ...env,
  }
  const sites: Service[] = []
  const stop = async () => {
    caddy?.kill('SIGTERM')
    await Promise.all(sites.map((site) => site.stop()))
    await seeded.lake.stop()
    fs.rmSync(seeded.dataDir, {recursive: true, force: true})
  }
  let caddy: ChildProcess | undefined
  try {
    for (let index = 0; index < count; index++) sites.push(await forkService('server/index.ts', {...shared, PORT: String(await freePort())}))
    caddy = await startCaddy(seeded.dataDir, proxyPort, sites)
  } catch (error) {
    await stop()
    throw error
  }
  return {
    url,
    siteUrls: sites.map((site) => site.url),
    lakeUrl: seeded.lakeUrl,
    token: seeded.token,
    requestsAnswered: (index) =>
      sites[index]!.output()
        .split('\n')
        .filter((line) => line.startsWith('{') && line.includes('"msg":"request"'))
        .map((line) => JSON.parse(line) as LoggedRequest),
    stop,
  }
}

async function startCaddy(dir: string, port: number, sites: Service[]): Promise<ChildProcess> {
  const upstreams = sites.map((site) => new URL(site.url).port).map((sitePort) => `127.0.0.1:${sitePort}`)
  const caddyfile = path.join(dir, 'Caddyfile')
  fs.writeFileSync(
    caddyfile,
    `{
\tadmin off
\tauto_https off
}

http://localhost:${port} {
\treverse_proxy ${upstreams.join(' ')} {
\t\tlb_policy round_robin
\t}
}
`,
  )
  // Caddy keeps its own files under these; the test's folder, not the user's home.
  const home = path.join(dir, 'caddy-home')
  const caddy = spawn(CADDY, ['run', '--config', caddyfile, '--adapter', 'caddyfile'], {
    env: {...process.env, HOME: home, XDG_DATA_HOME: home, XDG_CONFIG_HOME: home},
    stdio: ['ignore', 'ignore', 'pipe'],
  })
  let output = ''
  caddy.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()))
  const deadline = Date.now() + 20_000
  for (;;) {
    if (caddy.exitCode !== null) throw new Error(`Caddy exited:\n${output}`)
    const answered = await fetch(`http://localhost:${port}/healthz`).then(
      (response) => response.ok,
      () => false,
    )
    if (answered) return caddy
    if (Date.now() > deadline) throw new Error(`Caddy did not answer in time:\n${output}`)
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}
