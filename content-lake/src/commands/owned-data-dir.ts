import {DataDirInUseError} from '../store/data-dir-lock'
import {UsageError} from './command-line'

/**
 * Runs `work` while this process owns the data folder (`open` takes it, `close` lets go).
 * The import, export and reset commands work on the SQLite files directly, so a lake serving
 * the same folder would keep stale documents in memory, or overwrite what they wrote: they
 * refuse while one runs.
 */
export async function whileOwned<T>(open: () => T, close: (owned: T) => void, work: (owned: T) => Promise<void>): Promise<void> {
  let owned: T
  try {
    owned = open()
  } catch (error) {
    if (!(error instanceof DataDirInUseError)) throw error
    throw new UsageError(
      `${error.message}. Stop that lake first (Ctrl-C where \`npm start\` or \`content-lake start\` runs): this command works on its files directly.`,
    )
  }
  try {
    await work(owned)
  } finally {
    close(owned)
  }
}
