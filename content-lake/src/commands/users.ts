import {parseArgs} from 'node:util'
import {configFromEnv} from '../config'
import {isRole, ROLES} from '../roles'
import {addUser, readUsers, removeUser, UserError, usersFile} from '../users'
import {parseCommandLine, UsageError} from './command-line'

const USAGE = `Usage: content-lake users add <name> [--role editor|viewer|administrator] [--studio-url <url>]
       content-lake users list
       content-lake users remove <name>`

/** Where the sign-in link points: the lake's public address, or its own HTTPS listener. */
function studioUrl(given: string | undefined): string | undefined {
  if (given) return given.replace(/\/$/, '')
  const config = configFromEnv()
  if (config.publicUrl) return config.publicUrl.replace(/\/$/, '')
  return config.https ? `https://localhost:${config.https.port}` : undefined
}

/**
 * `content-lake users`: gives each person their own Studio sign-in. Works on the data folder's
 * users file, also while a lake serves it: the lake picks up the change within a second.
 */
export async function run(args: string[]): Promise<void> {
  const {values, positionals} = parseCommandLine(() =>
    parseArgs({args, allowPositionals: true, strict: true, options: {role: {type: 'string'}, 'studio-url': {type: 'string'}}}),
  )
  const [action, name, ...extra] = positionals
  const file = usersFile(configFromEnv().dataDir)
  try {
    if (action === 'list' && name === undefined) {
      const users = readUsers(file)
      if (users.length === 0) console.log('No Studio users yet: `content-lake users add <name> --role editor` adds one.')
      for (const user of users) console.log(`${user.name}\t${user.role}\t${user.userId}`)
      return
    }
    if (name === undefined || extra.length > 0) throw new UsageError(USAGE)
    if (action === 'add') {
      const role = values.role ?? 'editor'
      if (!isRole(role) || role === 'reader') throw new UsageError(`--role must be editor, viewer or administrator, got "${role}"`)
      const token = addUser(file, name, role)
      const url = studioUrl(values['studio-url'])
      console.log(`Added "${name}" (${ROLES[role].title}). Their sign-in, shown only now; send it to them as you would a password:`)
      console.log(url ? `  ${url}/#token=${token}` : `  token: ${token}`)
      return
    }
    if (action === 'remove') {
      if (!removeUser(file, name)) throw new UsageError(`There is no user "${name}" (\`content-lake users list\` shows them)`)
      console.log(`Removed "${name}": their sign-in stops working within a second.`)
      return
    }
    throw new UsageError(USAGE)
  } catch (error) {
    if (error instanceof UserError) throw new UsageError(error.message)
    throw error
  }
}
