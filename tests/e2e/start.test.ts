import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {afterAll, expect, test} from 'vitest'
import {startStack} from '../support/stack'

// The README's `npm start`, run twice on one data folder: the way a newcomer uses it.
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'life-in-balance-start-'))

afterAll(() => fs.rmSync(dataDir, {recursive: true, force: true}))

const POST_PATH = '/2013/07/25/hold-on-we-dont-do-that-sex-therapy-v-sexual-surrogacy/'

async function portIsFree(url: string): Promise<boolean> {
  return fetch(url, {signal: AbortSignal.timeout(1_000)}).then(
    () => false,
    () => true,
  )
}

test('npm start seeds on the first run, stops cleanly on Ctrl-C, and a second run reuses the data', async () => {
  const first = await startStack(dataDir)
  expect(first.output()).toContain('Seeded the original post')
  expect(first.output()).toContain(`Site          ${first.siteUrl}`)
  expect(first.output()).toContain(`Content Lake  ${first.lakeUrl}`)
  expect(first.output()).toContain(`${first.lakeHttpsUrl}  (HTTPS for browsers and Studio)`)
  // The one-click sign-in link carries the generated token, long enough for Studio to take it.
  const token = fs.readFileSync(path.join(dataDir, 'content-lake-token'), 'utf8').trim()
  expect(token.length).toBeGreaterThanOrEqual(32)
  expect(first.output()).toContain(`Studio        ${first.lakeHttpsUrl}/#token=${token}`)
  expect((await fetch(`${first.siteUrl}${POST_PATH}`)).status).toBe(200)
  expect(fs.existsSync(path.join(dataDir, 'content-lake', 'production.sqlite'))).toBe(true)
  // Without SMTP_URL, a mail catcher takes the site's email; its inbox is printed and in stack.json.
  expect(first.mailUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
  expect(first.output()).toContain(`Mail          ${first.mailUrl}  (emails the site sent)`)
  expect((await fetch(`${first.mailUrl}/api/messages`)).status).toBe(200)

  // Ctrl-C reaches the whole foreground process group; npm itself then exits by the signal.
  await first.stop('SIGINT')
  expect(first.output()).toContain('Stopped.')
  expect(first.output()).not.toContain('stopped unexpectedly')
  expect(await portIsFree(first.siteUrl)).toBe(true)
  expect(await portIsFree(first.lakeUrl)).toBe(true)
  expect(await portIsFree(first.mailUrl!)).toBe(true)

  const second = await startStack(dataDir)
  try {
    expect(second.output()).toContain('Content is already in the lake; nothing seeded.')
    expect((await fetch(`${second.siteUrl}${POST_PATH}`)).status).toBe(200)
  } finally {
    await second.stop('SIGINT')
  }
  expect(second.output()).toContain('Stopped.')
})

test('a bad setting stops npm start with a message naming it', async () => {
  const error = await startStack(dataDir, {SANITY_DATASET: 'Not A Dataset'}).catch((e: unknown) => e)
  expect(String(error)).toContain('SANITY_DATASET')
})
