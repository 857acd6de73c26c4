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

/** A request's lake reads now in flight, and since when at least one has been. */
const inFlight = new WeakMap<AnsweredRequest, {reads: number; since: number}>()

/**
 * Waits for a lake read and adds the wait to the request being answered, so its log line tells
 * the lake's share of the time from the site's own. Reads made side by side (the root's and the
 * route's loaders) count once: `lakeMs` is the time during which at least one read was waited
 * for, never more than the request's own time.
 */
export async function timingLakeWait<T>(read: Promise<T>): Promise<T> {
  const request = requests.getStore()
  if (!request) return read
  const waiting = inFlight.get(request) ?? {reads: 0, since: 0}
  if (waiting.reads++ === 0) waiting.since = performance.now()
  inFlight.set(request, waiting)
  try {
    return await read
  } finally {
    if (--waiting.reads === 0) request.lakeMs += performance.now() - waiting.since
  }
}
