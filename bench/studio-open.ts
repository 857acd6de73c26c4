/**
 * How long the Studio takes to be useful, in Chromium, against the stack `npm start` runs:
 * from navigating to the post list until its rows show, and from navigating to a post until
 * its form holds the post's title. Each is timed in a new browser profile (an empty cache, as a
 * first visit) signed in with the lake's token as the printed link does, then once more in that
 * profile (a warm cache, as every later visit).
 *
 *   npm run bench:studio -- [studioUrl] [runs]
 *
 * studioUrl defaults to https://localhost:3333 (CONTENT_LAKE_HTTPS_PORT), the data folder to
 * DATA_DIR or .data (for the token and the local CA). Prints one line per run and the medians.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type {Browser, Page} from 'playwright-core'
import {POST_ID, post as seededPost} from '../seed/life-in-balance'
import {launchBrowser} from '../tests/support/browser'

const studioUrl = process.argv[2] ?? 'https://localhost:3333'
const runs = Number(process.argv[3] ?? 5)
const dataDir = path.resolve(process.env.DATA_DIR ?? '.data')
const token = fs.readFileSync(path.join(dataDir, 'content-lake-token'), 'utf8').trim()
const TIMEOUT = {timeout: 120_000}

interface Run {
  list: number
  document: number
  warmList: number
  warmDocument: number
}

/** A new browser profile (empty cache) already signed in, as after following the printed link once. */
async function signedInPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({viewport: {width: 1440, height: 900}})
  // Where Studio keeps the token (what `#token=` stores), set without loading Studio first.
  await context.addInitScript((value) => localStorage.setItem('__studio_auth_token_local', value), JSON.stringify({token}))
  return context.newPage()
}

/** Milliseconds from navigating to `address` until `ready` resolves; then reloads and times it again. */
async function coldAndWarm(page: Page, address: string, ready: () => Promise<void>): Promise<[number, number]> {
  const times: number[] = []
  for (let load = 0; load < 2; load++) {
    await page.goto('about:blank')
    const start = performance.now()
    await page.goto(address)
    await ready()
    times.push(performance.now() - start)
  }
  return [times[0]!, times[1]!]
}

async function measure(): Promise<Run> {
  const browser = await launchBrowser({trustCa: path.join(dataDir, 'content-lake', 'tls', 'ca.pem')})
  try {
    const listPage = await signedInPage(browser)
    const row = listPage.getByRole('link', {name: new RegExp(escapeRegExp(String(seededPost.title).slice(1, 20)))}).first()
    const [list, warmList] = await coldAndWarm(listPage, `${studioUrl}/structure/post`, () => row.waitFor(TIMEOUT))

    const documentPage = await signedInPage(browser)
    const title = documentPage.getByRole('textbox', {name: 'Title'})
    const [document, warmDocument] = await coldAndWarm(documentPage, `${studioUrl}/structure/post;${POST_ID}`, async () => {
      await title.waitFor(TIMEOUT)
      while ((await title.inputValue()) !== seededPost.title) await documentPage.waitForTimeout(20)
    })
    return {list, document, warmList, warmDocument}
  } finally {
    await browser.close()
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!
const seconds = (ms: number) => (ms / 1000).toFixed(2)

const results: Run[] = []
console.log(
  `Studio at ${studioUrl}, ${runs} runs; load average ${os
    .loadavg()
    .map((load) => load.toFixed(2))
    .join(' ')}`,
)
console.log('run  list(cold)  document(cold)  list(warm)  document(warm)   [seconds]')
for (let index = 0; index < runs; index++) {
  const run = await measure()
  results.push(run)
  console.log(`${index + 1}    ${seconds(run.list)}        ${seconds(run.document)}            ${seconds(run.warmList)}        ${seconds(run.warmDocument)}`)
}
const pick = (key: keyof Run) => seconds(median(results.map((run) => run[key])))
console.log(`median ${pick('list')}     ${pick('document')}         ${pick('warmList')}     ${pick('warmDocument')}`)
console.log(
  `load average after: ${os
    .loadavg()
    .map((load) => load.toFixed(2))
    .join(' ')}`,
)
