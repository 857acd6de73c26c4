import {QueryLimitError} from '../limits'

/**
 * Who asks: token holders (the site's server, Studio) or anonymous callers from anywhere.
 * Anonymous queries never hold every worker, so that a flood of them cannot starve the site.
 */
export type Lane = 'trusted' | 'public'

interface Waiting {
  lane: Lane
  /** Called with the slot already taken for it. */
  start: () => void
}

export interface AdmissionSettings {
  /** Queries that may run at once: one per worker thread. */
  slots: number
  /** Queries that may wait for a slot; past that the lake answers 503 at once. */
  maxWaiting: number
}

/**
 * The queue in front of the query workers: at most `slots` queries run, at most `maxWaiting`
 * wait (first come, first served, each within its own deadline), and with two slots or more one
 * is always kept for the trusted lane.
 */
export class Admission {
  private running = 0
  private runningPublic = 0
  private readonly waiting: Waiting[] = []

  constructor(private readonly settings: AdmissionSettings) {}

  private get publicSlots(): number {
    return this.settings.slots > 1 ? this.settings.slots - 1 : this.settings.slots
  }

  private canStart(lane: Lane): boolean {
    return this.running < this.settings.slots && (lane === 'trusted' || this.runningPublic < this.publicSlots)
  }

  /**
   * Runs `work` once a slot is free for the lane. Waiting ends with a 503 when `signal` aborts
   * first (the query's time budget ran out before it could start).
   */
  async run<T>(lane: Lane, signal: AbortSignal, work: () => Promise<T>): Promise<T> {
    if (this.canStart(lane)) this.take(lane)
    else await this.wait(lane, signal)
    try {
      return await work()
    } finally {
      this.running--
      if (lane === 'public') this.runningPublic--
      this.startNext()
    }
  }

  private take(lane: Lane): void {
    this.running++
    if (lane === 'public') this.runningPublic++
  }

  private wait(lane: Lane, signal: AbortSignal): Promise<void> {
    if (this.waiting.length >= this.settings.maxWaiting) {
      throw busy('Too many queries are waiting for the lake; try again shortly')
    }
    return new Promise<void>((resolve, reject) => {
      const entry: Waiting = {
        lane,
        start: () => {
          signal.removeEventListener('abort', onAbort)
          resolve()
        },
      }
      const onAbort = () => {
        this.waiting.splice(this.waiting.indexOf(entry), 1)
        reject(busy('The lake is busy: the query waited its whole time budget for a worker; try again shortly'))
      }
      signal.addEventListener('abort', onAbort, {once: true})
      this.waiting.push(entry)
    })
  }

  private startNext(): void {
    const next = this.waiting.findIndex((entry) => this.canStart(entry.lane))
    if (next === -1) return
    const [entry] = this.waiting.splice(next, 1)
    this.take(entry!.lane)
    entry!.start()
  }
}

// 503 and not 429: the lake as a whole is busy, not this caller over a quota. @sanity/client
// retries a query answered 503 a few times with a growing delay.
function busy(message: string): QueryLimitError {
  return new QueryLimitError(503, 'queryQueueFullError', message, 1)
}
