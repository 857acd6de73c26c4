import path from 'node:path'
import {runCli} from '../../content-lake/test/cli-process'

/** The lake's data folder inside the one `npm start` was given. */
function lakeDataDir(dataDir: string): string {
  return path.join(dataDir, 'content-lake')
}

/**
 * A person with their own Studio sign-in, added as the README says (`content-lake users add`)
 * while the lake runs; it takes the new token within a second. Returns their token.
 */
export async function addStudioUser(dataDir: string, name: string, role: 'editor' | 'viewer' = 'editor'): Promise<string> {
  const added = await runCli(['users', 'add', name, '--role', role], lakeDataDir(dataDir))
  const token = /token: (\S+)/.exec(added.stdout)?.[1]
  if (added.code !== 0 || !token) throw new Error(`content-lake users add ${name} failed: ${added.stdout}${added.stderr}`)
  // The lake looks at the users file at most once a second.
  await new Promise((resolve) => setTimeout(resolve, 1_100))
  return token
}

export async function removeStudioUser(dataDir: string, name: string): Promise<void> {
  await runCli(['users', 'remove', name], lakeDataDir(dataDir))
}
