import {randomBytes} from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {createSanityClient} from '../../app/sanity/client.server'
import {seedContent} from '../../seed/seed-content'
import {forkService, type Service} from './site-processes'
import {freePort} from './stack'

/**
 * A site and a lake of their own, seeded, for tests that stop and restart the lake without
 * disturbing the shared stack. The lake comes back on the same port and data, as after a
 * real outage.
 */
export interface SiteWithOwnLake {
  siteUrl: string
  lakeUrl: string
  token: string
  stopLake(): Promise<void>
  startLake(): Promise<void>
  stop(): Promise<void>
  /** What the site and the running lake have printed so far. */
  siteOutput(): string
  lakeOutput(): string
}

/** A lake of its own on a free port, seeded as the stack's is; it can be stopped and started again on the same port and data. */
export async function startSeededLake(env: Record<string, string> = {}) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'site-own-lake-'))
  const token = randomBytes(24).toString('base64url')
  const lakePort = await freePort()
  const startLake = () =>
    forkService('content-lake/src/cli.ts', {
      CONTENT_LAKE_PORT: String(lakePort),
      CONTENT_LAKE_HTTPS_PORT: 'off',
      CONTENT_LAKE_DATA_DIR: dataDir,
      CONTENT_LAKE_TOKEN: token,
      // The site's log format for the lake too, so a test reads both the same way.
      ...(env.LOG_FORMAT ? {LOG_FORMAT: env.LOG_FORMAT} : {}),
    })
  const lake = await startLake()
  await seedContent(
    createSanityClient(
      {mode: 'local', projectId: 'local', dataset: 'production', apiVersion: '2025-02-19', apiHost: lake.url, useProjectHostname: false, useCdn: false},
      token,
    ),
  )
  return {dataDir, token, lakeUrl: lake.url, lake, startLake}
}

export async function startSiteWithOwnLake(env: Record<string, string> = {}): Promise<SiteWithOwnLake> {
  const {dataDir, token, lakeUrl, lake: started, startLake} = await startSeededLake(env)
  let lake: Service | undefined = started
  const sitePort = await freePort()
  const site = await forkService('server/index.ts', {
    PORT: String(sitePort),
    NODE_ENV: 'production',
    CONTENT_LAKE_URL: lakeUrl,
    SANITY_API_WRITE_TOKEN: token,
    SITE_URL: `http://localhost:${sitePort}`,
    SESSION_SECRET: randomBytes(32).toString('base64url'),
    ...env,
  })
  return {
    siteUrl: `http://localhost:${sitePort}`,
    lakeUrl,
    token,
    stopLake: async () => {
      await lake?.stop()
      lake = undefined
    },
    startLake: async () => {
      lake ??= await startLake()
    },
    siteOutput: () => site.output(),
    lakeOutput: () => lake?.output() ?? '',
    stop: async () => {
      await site.stop()
      await lake?.stop()
      fs.rmSync(dataDir, {recursive: true, force: true})
    },
  }
}
