import fs from 'node:fs'
import path from 'node:path'

/**
 * `<DATA_DIR>/stack.json`: where `npm start` put each part of the stack this run, so tests
 * (and people) can find the stand-ins it started. Each service adds its address once ready.
 */
export interface StackAddresses {
  siteUrl?: string
  lakeUrl?: string
  akismetUrl?: string
  mailUrl?: string
  oauthUrl?: string
  oidcUrl?: string
}

export function stackFilePath(dataDir: string): string {
  return path.join(dataDir, 'stack.json')
}

export function readStackFile(dataDir: string): StackAddresses {
  try {
    return JSON.parse(fs.readFileSync(stackFilePath(dataDir), 'utf8')) as StackAddresses
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {}
    throw error
  }
}

/** Replaces the file with these addresses (at the start of a run: none from the last one linger). */
export function writeStackFile(dataDir: string, addresses: StackAddresses): void {
  fs.mkdirSync(dataDir, {recursive: true})
  const file = stackFilePath(dataDir)
  // Written whole then renamed, so a reader never sees half a file.
  fs.writeFileSync(`${file}.tmp`, `${JSON.stringify(addresses, null, 2)}\n`)
  fs.renameSync(`${file}.tmp`, file)
}

/** Adds (or replaces) some addresses, keeping the others. */
export function recordInStackFile(dataDir: string, addresses: StackAddresses): void {
  writeStackFile(dataDir, {...readStackFile(dataDir), ...addresses})
}
