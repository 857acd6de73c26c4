import fs from 'node:fs'
import path from 'node:path'

export class DataDirInUseError extends Error {
  override name = 'DataDirInUseError'
}

/** Whether a process by that id exists (a lock or a folder named after it is still in use). */
export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/**
 * One process at a time owns a data folder: each keeps the documents in memory, so a second
 * writer would silently diverge from the first. A lock left by a crashed process is taken over.
 */
export function lockDataDir(dataDir: string): () => void {
  fs.mkdirSync(dataDir, {recursive: true})
  const file = path.join(dataDir, 'lake.lock')
  for (;;) {
    try {
      fs.writeFileSync(file, String(process.pid), {flag: 'wx'})
      return () => fs.rmSync(file, {force: true})
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
      const owner = Number(fs.readFileSync(file, 'utf8'))
      if (Number.isInteger(owner) && owner > 0 && owner !== process.pid && isRunning(owner)) {
        throw new DataDirInUseError(`The data folder ${dataDir} is in use by another content lake (process ${owner})`)
      }
      fs.rmSync(file, {force: true})
    }
  }
}
