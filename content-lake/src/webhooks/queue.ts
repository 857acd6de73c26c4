import {setTimeout as sleep} from 'node:timers/promises'
import {attempt} from './attempt'
import {isRetryable, retryDelayMs} from './backoff'
import type {Webhook} from './config'
import {type Delivery, webhookRequest} from './delivery'

export const MAX_PENDING = 10_000

// Under a long outage, one warning per this many dropped deliveries rather than one each.
const DROP_WARNING_EVERY = 1_000

function describe(delivery: Delivery): string {
  return `${delivery.operation} of ${delivery.documentId} in ${delivery.dataset} (transaction ${delivery.transactionId})`
}

/**
 * One webhook's deliveries, sent one at a time in commit order (Sanity also allows a webhook
 * one concurrent request), each retried until it is accepted, refused, or out of attempts.
 * Beyond `maxPending` waiting deliveries the oldest is dropped, so a receiver that stays down
 * cannot grow the lake's memory without bound.
 */
export class DeliveryQueue {
  private readonly pending: Delivery[] = []
  private sending = false
  private dropped = 0
  private readonly stop = new AbortController()

  constructor(
    private readonly webhook: Webhook,
    private readonly projectId: string,
    private readonly maxPending = MAX_PENDING,
  ) {}

  push(delivery: Delivery): void {
    if (this.stop.signal.aborted) return
    if (this.pending.length >= this.maxPending) {
      const oldest = this.pending.shift()!
      this.dropped++
      if (this.dropped === 1 || this.dropped % DROP_WARNING_EVERY === 0) {
        this.log('warn', `more than ${this.maxPending} deliveries are waiting; dropped the oldest, ${describe(oldest)} (${this.dropped} dropped so far)`)
      }
    }
    this.pending.push(delivery)
    void this.drain()
  }

  private async drain(): Promise<void> {
    if (this.sending) return
    this.sending = true
    try {
      while (!this.stop.signal.aborted) {
        const delivery = this.pending.shift()
        if (!delivery) break
        await this.deliver(delivery)
      }
    } finally {
      this.sending = false
    }
  }

  private async deliver(delivery: Delivery): Promise<void> {
    const {maxAttempts, timeoutMs} = this.webhook
    for (let attempts = 1; ; attempts++) {
      const result = await attempt(webhookRequest(this.webhook, delivery, this.projectId, Date.now()), timeoutMs, this.stop.signal)
      if (this.stop.signal.aborted) return
      if ('status' in result && result.status >= 200 && result.status < 300) return
      const why = 'error' in result ? result.error : `HTTP ${result.status}`
      if (!isRetryable(result)) {
        this.log('error', `${describe(delivery)} was refused with ${why}; not retrying`)
        return
      }
      if (attempts >= maxAttempts) {
        this.log('error', `gave up on ${describe(delivery)} after ${attempts} ${attempts === 1 ? 'attempt' : 'attempts'}; the last failed with ${why}`)
        return
      }
      const wait = retryDelayMs(attempts)
      this.log('warn', `attempt ${attempts} of ${maxAttempts} for ${describe(delivery)} failed with ${why}; retrying in ${wait} ms`)
      try {
        await sleep(wait, undefined, {signal: this.stop.signal})
      } catch {
        return
      }
    }
  }

  private log(level: 'warn' | 'error', message: string): void {
    console[level](`Webhook "${this.webhook.name}": ${message}`)
  }

  /**
   * Stops for good: the request in flight is cancelled and waiting deliveries are dropped
   * (they live in memory only). Returns how many were not delivered.
   */
  close(): number {
    this.stop.abort()
    const lost = this.pending.length + (this.sending ? 1 : 0)
    this.pending.length = 0
    return lost
  }
}
