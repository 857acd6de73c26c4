import fsp from 'node:fs/promises'
import path from 'node:path'
import {syncFolder} from '../assets/durable-file'

/** Flushes a file's bytes to disk. */
export async function syncFile(file: string): Promise<void> {
  const handle = await fsp.open(file, 'r')
  try {
    await handle.sync()
  } finally {
    await handle.close()
  }
}

/** Flushes the entries of `root` and of every folder under it, so a rename of `root` cannot outlive its contents. */
export async function syncTree(root: string): Promise<void> {
  const folders = (await fsp.readdir(root, {recursive: true, withFileTypes: true}))
    .filter((entry) => entry.isDirectory())
    .map((entry) => path.join(entry.parentPath, entry.name))
  for (const folder of [...folders, root]) await syncFolder(folder)
}
