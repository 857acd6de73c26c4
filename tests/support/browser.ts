import {execFileSync} from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {type Browser, chromium} from 'playwright-core'

// Debian's chromium; its own background services would try to reach the network and fail.
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium'

export interface LaunchOptions {
  /** A CA certificate (PEM) for Chromium to trust, as a newcomer does after `npm start`. */
  trustCa?: string
}

/**
 * A throwaway HOME whose NSS database trusts `caPath`: Chromium on Linux reads trusted CAs
 * from `$HOME/.pki/nssdb`, so certificate checks stay on and the machine's own store is untouched.
 */
function homeTrusting(caPath: string): string {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'chromium-home-'))
  const db = `sql:${path.join(home, '.pki', 'nssdb')}`
  fs.mkdirSync(path.join(home, '.pki', 'nssdb'), {recursive: true})
  execFileSync('certutil', ['-d', db, '-N', '--empty-password'])
  execFileSync('certutil', ['-d', db, '-A', '-t', 'C,,', '-n', 'Life in Balance local CA', '-i', caPath])
  return home
}

export async function launchBrowser({trustCa}: LaunchOptions = {}): Promise<Browser> {
  const home = trustCa ? homeTrusting(trustCa) : undefined
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    ...(home ? {env: {...process.env, HOME: home}} : {}),
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  })
  if (home) browser.once('disconnected', () => fs.rmSync(home, {recursive: true, force: true}))
  return browser
}
