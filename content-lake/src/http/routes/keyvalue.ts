import type {ContentLake} from '../../lake'
import {requireUser} from '../auth'
import {pathParam, type Route} from '../context'
import {apiError} from '../errors'
import {readJsonBody} from '../request'

/**
 * Studio's per-user settings (pane layouts, recent searches), kept in memory per lake: they are
 * conveniences, and losing them at a restart costs nothing.
 */
const stores = new WeakMap<ContentLake, Map<string, unknown>>()

function storeOf(lake: ContentLake): Map<string, unknown> {
  let store = stores.get(lake)
  if (!store) {
    store = new Map()
    stores.set(lake, store)
  }
  return store
}

/** The stored key of one user's setting; the NUL cannot occur in a user id. */
function storedKey(userId: string, key: string): string {
  return `${userId}\u0000${key}`
}

/** `GET /v{apiVersion}/users/me/keyvalue/{key[,key…]}`: `[{key, value}]`, null for keys never set. */
export const getKeyValuesRoute: Route = async ({params, access, lake}) => {
  const {userId} = requireUser(access, lake.tokens.current())
  const store = storeOf(lake)
  return pathParam(params, 'keys')
    .split(',')
    .map((key) => ({key, value: store.get(storedKey(userId, key)) ?? null}))
}

/** `PUT /v{apiVersion}/users/me/keyvalue` with `[{key, value}]`: stores the pairs and echoes them. */
export const putKeyValuesRoute: Route = async ({req, access, lake}) => {
  const {userId} = requireUser(access, lake.tokens.current())
  const pairs = await readJsonBody(req)
  if (!Array.isArray(pairs) || !pairs.every((pair) => typeof pair?.key === 'string' && pair.key !== '' && 'value' in pair)) {
    throw apiError(400, 'The body must be an array of {key, value} objects')
  }
  const store = storeOf(lake)
  const stored = (pairs as {key: string; value: unknown}[]).map(({key, value}) => ({key, value}))
  for (const {key, value} of stored) store.set(storedKey(userId, key), value)
  return stored
}
