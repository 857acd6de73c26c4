import {randomBytes} from 'node:crypto'
import fs from 'node:fs/promises'
import path from 'node:path'

/** Makes a folder's entries (new, renamed, removed) durable. */
export async function syncFolder(folder: string): Promise<void> {
  const handle = await fs.open(folder, 'r')
  try {
    await handle.sync()
  } finally {
    await handle.close()
  }
}

/**
 * Writes a file so that, even after a power loss, it either holds all of `bytes` or does not
 * exist: the bytes go to a temporary file that is fsynced and then renamed into place, and the
 * folders whose entries changed (new folders included) are fsynced so the rename persists too.
 */
export async function writeFileDurably(file: string, bytes: Uint8Array): Promise<void> {
  const folder = path.dirname(file)
  const firstCreated = await fs.mkdir(folder, {recursive: true})
  const temporary = path.join(folder, `.${path.basename(file)}.${randomBytes(8).toString('hex')}.tmp`)
  try {
    const handle = await fs.open(temporary, 'wx')
    try {
      await handle.writeFile(bytes)
      await handle.sync()
    } finally {
      await handle.close()
    }
    await fs.rename(temporary, file)
  } catch (error) {
    await fs.rm(temporary, {force: true})
    throw error
  }
  await syncFolder(folder)
  if (firstCreated !== undefined) {
    for (let created = folder; created !== path.dirname(firstCreated); created = path.dirname(created)) {
      await syncFolder(path.dirname(created))
    }
  }
}
