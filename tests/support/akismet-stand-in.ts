import type {CannedReply, LogEntry} from '../../stand-ins/akismet/server'

/** The admin routes of an Akismet stand-in running in another process (e.g. npm start's). */
export interface AkismetStandInAdmin {
  /** Everything it was sent, oldest first. */
  log(): Promise<LogEntry[]>
  /** Makes the next call (to `reply.endpoint`, if given) fail as Akismet can: 503, 429, a hang… */
  next(reply: CannedReply): Promise<void>
  reset(): Promise<void>
}

export function akismetStandInAt(url: string): AkismetStandInAdmin {
  const call = async (path: string, init?: RequestInit) => {
    const response = await fetch(new URL(path, url), init)
    if (!response.ok) throw new Error(`Akismet stand-in ${path}: HTTP ${response.status}`)
    return response
  }
  return {
    log: async () => (await call('/__standin/log')).json() as Promise<LogEntry[]>,
    next: async (reply) => void (await call('/__standin/next', {method: 'POST', body: JSON.stringify(reply)})),
    reset: async () => void (await call('/__standin/reset', {method: 'POST'})),
  }
}
