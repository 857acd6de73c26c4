import {roleSummary} from '../../roles'
import type {LocalToken} from '../../tokens'
import {requireUser} from '../auth'
import {pathParam, type Route} from '../context'

/** Local users have no mailbox; Studio only shows the address. */
function email(token: LocalToken): string {
  return `${token.name}@localhost`
}

/**
 * `GET /v{apiVersion}/users/me`: the token's user in the hosted API's shape. Without a token
 * the answer is `{}`, which Studio takes for "logged out" (an error would stop it instead).
 */
export const meRoute: Route = async ({access, lake}) => {
  if (access.identity === null) return {}
  const token = requireUser(access, lake.tokens.current())
  return {
    id: token.userId,
    name: token.name,
    email: email(token),
    profileImage: null,
    provider: 'local',
    role: token.role,
    roles: [roleSummary(token.role)],
  }
}

/**
 * `GET /v{apiVersion}/users/{id[,id…]}`: the lake's users by id, for avatars and history
 * authors. One id answers one user (or null), several answer the list of those that exist.
 */
export const usersRoute: Route = async ({params, access, lake}) => {
  const me = requireUser(access, lake.tokens.current())
  const ids = pathParam(params, 'ids').split(',')
  const users = ids.flatMap((id) => {
    const token = lake.tokens.current().find((candidate) => candidate.userId === id)
    return token
      ? [{id: token.userId, projectId: lake.config.projectId, displayName: token.name, email: email(token), imageUrl: null, isCurrentUser: token === me}]
      : []
  })
  return ids.length === 1 ? (users[0] ?? null) : users
}
