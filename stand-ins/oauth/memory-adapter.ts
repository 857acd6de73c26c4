import type {Adapter, AdapterFactory, AdapterPayload} from 'oidc-provider'

/**
 * oidc-provider's storage (codes, tokens, sessions, grants) in one in-memory map: the Google
 * stand-in forgets everything when it stops, as a local stand-in should. Given explicitly so
 * oidc-provider does not warn about its built-in development adapter on every start.
 */
export function memoryAdapter(): AdapterFactory {
  const store = new Map<string, {payload: AdapterPayload; expiresAt: number}>()
  const live = (key: string): AdapterPayload | undefined => {
    const entry = store.get(key)
    if (entry && entry.expiresAt < Date.now()) store.delete(key)
    return entry && entry.expiresAt >= Date.now() ? entry.payload : undefined
  }
  const findBy = (model: string, field: 'uid' | 'userCode', value: string) => {
    for (const [key, entry] of store) if (key.startsWith(`${model}:`) && entry.payload[field] === value) return live(key)
    return undefined
  }
  return (model: string): Adapter => ({
    upsert: async (id, payload, expiresIn) => {
      store.set(`${model}:${id}`, {payload, expiresAt: Date.now() + expiresIn * 1000})
    },
    find: async (id) => live(`${model}:${id}`),
    findByUid: async (uid) => findBy(model, 'uid', uid),
    findByUserCode: async (userCode) => findBy(model, 'userCode', userCode),
    consume: async (id) => {
      const payload = live(`${model}:${id}`)
      if (payload) payload.consumed = Math.floor(Date.now() / 1000)
    },
    destroy: async (id) => {
      store.delete(`${model}:${id}`)
    },
    // A replayed code revokes everything issued under its grant.
    revokeByGrantId: async (grantId) => {
      for (const [key, entry] of store) if (entry.payload.grantId === grantId) store.delete(key)
    },
  })
}
