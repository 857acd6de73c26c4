import {randomBytes} from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {afterAll, beforeAll, expect, test} from 'vitest'
import {createSanityClient} from '../../app/sanity/client.server'
import {seedContent} from '../../seed/seed-content'
import {forkService, type Service} from '../support/site-processes'
import {freePort} from '../support/stack'

const ORIGINAL = '/2013/07/25/hold-on-we-dont-do-that-sex-therapy-v-sexual-surrogacy/'
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'site-faults-'))
const token = randomBytes(24).toString('base64url')
let lakePort: number
let lake: Service
let site: Service

function startLake(): Promise<Service> {
  return forkService('content-lake/src/cli.ts', {
    CONTENT_LAKE_PORT: String(lakePort),
    CONTENT_LAKE_HTTPS_PORT: 'off',
    CONTENT_LAKE_DATA_DIR: dataDir,
    CONTENT_LAKE_TOKEN: token,
  })
}

/** A lake and a site of their own, so this test can stop the lake without disturbing the others. */
beforeAll(async () => {
  lakePort = await freePort()
  lake = await startLake()
  await seedContent(
    createSanityClient(
      {mode: 'local', projectId: 'local', dataset: 'production', apiVersion: '2025-02-19', apiHost: lake.url, useProjectHostname: false, useCdn: false},
      token,
    ),
  )
  const sitePort = await freePort()
  site = await forkService('server/index.ts', {
    PORT: String(sitePort),
    NODE_ENV: 'production',
    CONTENT_LAKE_URL: lake.url,
    SANITY_API_WRITE_TOKEN: token,
    SITE_URL: `http://localhost:${sitePort}`,
    SESSION_SECRET: randomBytes(32).toString('base64url'),
  })
}, 90_000)

afterAll(async () => {
  await site?.stop()
  await lake?.stop()
  fs.rmSync(dataDir, {recursive: true, force: true})
})

test('with the lake stopped the site answers a themed 503 with Retry-After, and recovers when it returns', async () => {
  expect((await fetch(`${site.url}${ORIGINAL}`)).status).toBe(200)

  await lake.stop()
  for (const pathname of [ORIGINAL, '/', '/category/sexual-health/']) {
    const response = await fetch(`${site.url}${pathname}`)
    expect(response.status, pathname).toBe(503)
    expect(response.headers.get('retry-after'), pathname).toBe('30')
    expect(response.headers.get('cache-control'), pathname).toBe('no-store')
    const html = await response.text()
    expect(html).toContain('Back in a moment')
    expect(html).toContain('<link rel="stylesheet"')
    // Readers never see a stack trace or the lake's address.
    expect(html).not.toMatch(/ECONNREFUSED|at .+\.(js|ts):\d+|127\.0\.0\.1/)
  }
  const feed = await fetch(`${site.url}/feed/`)
  expect([feed.status, feed.headers.get('retry-after')]).toEqual([503, '30'])

  lake = await startLake()
  const started = Date.now()
  let status = 0
  while (Date.now() - started < 15_000) {
    status = (await fetch(`${site.url}${ORIGINAL}`)).status
    if (status === 200) break
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
  expect(status).toBe(200)
})
