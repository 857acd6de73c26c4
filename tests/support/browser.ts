import {type Browser, chromium} from 'playwright-core'

// Debian's chromium; its own background services would try to reach the network and fail.
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium'

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
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
}
