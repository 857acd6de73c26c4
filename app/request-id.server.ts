import {AsyncLocalStorage} from 'node:async_hooks'

/** The id of the site request being answered, set by the server for everything done while answering it. */
const requestIds = new AsyncLocalStorage<string>()

export function withRequestId<T>(id: string, run: () => T): T {
  return requestIds.run(id, run)
}

/** The id of the request being answered; undefined outside one (start-up, scheduled purges). */
export function currentRequestId(): string | undefined {
  return requestIds.getStore()
}
