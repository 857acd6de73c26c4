import fs from 'node:fs'
import path from 'node:path'
import type {Browser, BrowserContext, Page, Request} from 'playwright-core'
import {launchBrowser} from './browser'

const ROOT = path.resolve(import.meta.dirname, '..', '..')
/** Failure screenshots go here (git-ignored), one per failed step. */
export const SCREENSHOT_DIR = path.join(ROOT, 'test-results')

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]'])

/**
 * Whether a URL stays on this machine: loopback hosts, names under `localhost` (browsers resolve
 * them to loopback themselves, RFC 6761: the lake's project hostname `local.localhost` is one), or
 * no host at all (data:, blob:).
 */
export function isOnThisMachine(url: string): boolean {
  const {protocol, hostname} = new URL(url)
  if (protocol === 'data:' || protocol === 'blob:') return true
  return LOOPBACK_HOSTS.has(hostname) || hostname.endsWith('.localhost')
}

export interface StudioSession {
  browser: Browser
  context: BrowserContext
  page: Page
  /**
   * Requests to other machines that Chromium actually tried to send (they are refused here,
   * as an offline machine would). Must stay empty: the Studio's page policy should have stopped
   * each of them inside the browser first.
   */
  escaped: string[]
  /**
   * Every request to another machine that Chromium reported (page.on('request')) and that the
   * page's policy did not refuse (failure `csp`) before it was sent. Must stay empty too.
   */
  notRefusedByPage(): string[]
  /** Runs a step, keeping a screenshot of the page under test-results/ if it fails. */
  step<T>(name: string, run: () => Promise<T>): Promise<T>
  close(): Promise<void>
}

/**
 * A Chromium that trusts the lake's local CA (as a newcomer's does after the README's trust
 * command) and records every request it makes.
 */
export async function openStudioSession({caPath, screenshotPrefix}: {caPath: string; screenshotPrefix: string}): Promise<StudioSession> {
  const browser = await launchBrowser({trustCa: caPath})
  const context = await browser.newContext({viewport: {width: 1440, height: 900}})
  const escaped: string[] = []
  const elsewhere: Request[] = []
  const failures = new Map<Request, string>()
  context.on('request', (request) => {
    if (!isOnThisMachine(request.url())) elsewhere.push(request)
  })
  context.on('requestfailed', (request) => failures.set(request, request.failure()?.errorText ?? 'unknown'))
  // Every request that gets as far as the network passes through here.
  await context.route('**/*', (route) => {
    const url = route.request().url()
    if (isOnThisMachine(url)) return route.continue()
    escaped.push(url)
    return route.abort('blockedbyclient')
  })
  const page = await context.newPage()
  return {
    browser,
    context,
    page,
    escaped,
    notRefusedByPage: () => elsewhere.filter((request) => failures.get(request) !== 'csp').map((request) => request.url()),
    async step(name, run) {
      try {
        return await run()
      } catch (error) {
        fs.mkdirSync(SCREENSHOT_DIR, {recursive: true})
        await page.screenshot({path: path.join(SCREENSHOT_DIR, `${screenshotPrefix}-${name}.png`)}).catch(() => {})
        throw error
      }
    },
    close: () => browser.close(),
  }
}

/**
 * Signs a Studio page in with a token, and waits until Studio has started and kept it (its
 * structure shows): leaving the page sooner, as a busy machine can, leaves Studio signed out.
 */
export async function signInToStudio(page: Page, studioUrl: string, token: string): Promise<void> {
  await page.goto(`${studioUrl}/#token=${token}`)
  await page.getByRole('link', {name: 'Post', exact: true}).first().waitFor({timeout: 60_000})
}
