import fs from 'node:fs'
import path from 'node:path'

/**
 * Writes one of the local lake's settings files that `npm start` makes (`<dataDir>/<fileName>`):
 * the developer's own entries from `ownFile` (the JSON array their `setting` names), less any
 * with the name of one of `entries`, then `entries`. Such files hold tokens or secrets: readable
 * by this user only. Returns its path.
 */
export function writeLakeSettingsFile<Entry extends {name: string}>(
  dataDir: string,
  fileName: string,
  {setting, ownFile}: {setting: string; ownFile?: string},
  entries: Entry[],
): string {
  const own = ownFile ? (JSON.parse(fs.readFileSync(ownFile, 'utf8')) as Array<{name?: string}>) : []
  if (!Array.isArray(own)) throw new Error(`${setting} (${ownFile}) must hold a JSON array.`)
  const merged = [...own.filter((entry) => !entries.some(({name}) => name === entry.name)), ...entries]
  fs.mkdirSync(dataDir, {recursive: true})
  const file = path.join(dataDir, fileName)
  fs.writeFileSync(file, `${JSON.stringify(merged, null, 2)}\n`, {mode: 0o600})
  fs.chmodSync(file, 0o600)
  return file
}
