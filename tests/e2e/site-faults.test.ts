import {afterAll, beforeAll, expect, test} from 'vitest'
import {type SiteWithOwnLake, startSiteWithOwnLake} from '../support/site-with-own-lake'

const ORIGINAL = '/2013/07/25/hold-on-we-dont-do-that-sex-therapy-v-sexual-surrogacy/'
let stack: SiteWithOwnLake

/** A lake and a site of their own, so this test can stop the lake without disturbing the others. */
beforeAll(async () => {
  stack = await startSiteWithOwnLake()
}, 90_000)

afterAll(async () => {
  await stack?.stop()
})

test('with the lake stopped the site answers a themed 503 with Retry-After, and recovers when it returns', async () => {
  expect((await fetch(`${stack.siteUrl}${ORIGINAL}`)).status).toBe(200)

  await stack.stopLake()
  for (const pathname of [ORIGINAL, '/', '/category/sexual-health/']) {
    const response = await fetch(`${stack.siteUrl}${pathname}`)
    expect(response.status, pathname).toBe(503)
    expect(response.headers.get('retry-after'), pathname).toBe('30')
    expect(response.headers.get('cache-control'), pathname).toBe('no-store')
    const html = await response.text()
    expect(html).toContain('Back in a moment')
    expect(html).toContain('<link rel="stylesheet"')
    // Readers never see a stack trace or the lake's address.
    expect(html).not.toMatch(/ECONNREFUSED|at .+\.(js|ts):\d+|127\.0\.0\.1/)
  }
  const feed = await fetch(`${stack.siteUrl}/feed/`)
  expect([feed.status, feed.headers.get('retry-after')]).toEqual([503, '30'])

  await stack.startLake()
  const started = Date.now()
  let status = 0
  while (Date.now() - started < 15_000) {
    status = (await fetch(`${stack.siteUrl}${ORIGINAL}`)).status
    if (status === 200) break
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
  expect(status).toBe(200)
})
