import {AsyncLocalStorage} from 'node:async_hooks'

/** A site request being answered: its id, and how long it has waited on the lake's published reads so far. */
export interface AnsweredRequest {
  id: string
  lakeMs: number
}

const requests = new AsyncLocalStorage<AnsweredRequest>()

/** Runs `run`, and everything it starts, as part of answering `request` (set by the server). */
export function withRequestId<T>(request: AnsweredRequest, run: () => T): T {
  return requests.run(request, run)
}

/** The id of the request being answered; undefined outside one (start-up, scheduled purges). */
export function currentRequestId(): string | undefined {
  return requests.getStore()?.id
}

/**
 * Waits for a lake read and adds the wait to the request being answered, so its log line tells
 * the lake's share of the time from the site's own (reads made side by side add up).
 */
export async function timingLakeWait<T>(read: Promise<T>): Promise<T> {
  const started = performance.now()
  try {
    return await read
  } finally {
    const request = requests.getStore()
    if (request) request.lakeMs += performance.now() - started
  }
}
