import {setTimeout as sleep} from 'node:timers/promises'
import type {WebhookDeliveries} from '../store/webhook-deliveries'
import {attempt} from './attempt'
import {isRetryable, retryDelayMs} from './backoff'
import type {Webhook} from './config'
import {type Delivery, webhookRequest} from './delivery'

export const MAX_PENDING = 10_000

// Under a long outage, one warning per this many dropped deliveries rather than one each.
const DROP_WARNING_EVERY = 1_000

/** A delivery with its place in its dataset's file, which keeps it until it is accepted or given up on. */
export interface QueuedDelivery extends Delivery {
  store: WebhookDeliveries
  rowId: number
  /** Attempts already made (by this run or an earlier one). */
  attempts: number
  /** Not before this time (milliseconds since the epoch). */
  nextAttemptAt: number
}

function describe(delivery: Delivery): string {
  return `${delivery.operation} of ${delivery.documentId} in ${delivery.dataset} (transaction ${delivery.transactionId})`
}

/**
 * One webhook's deliveries, sent one at a time in commit order (Sanity also allows a webhook
 * one concurrent request), each retried until it is accepted, refused, or out of attempts.
 * Each stays in its dataset's file until then, with its attempts and the time of the next one,
 * so a restart resumes where this run stopped. Beyond `maxPending` waiting deliveries the
 * oldest is dropped, file row included, so a receiver that stays down cannot grow the lake's
 * memory or disk without bound.
 */
export class DeliveryQueue {
  private readonly pending: QueuedDelivery[] = []
  private sending: Promise<void> | null = null
  private dropped = 0
  /** No new attempts from now on (shutdown has begun); waits for a retry end at once. */
  private readonly stopping = new AbortController()
  /** The attempt in flight is cut too; what it was sending stays owed. */
  private readonly cut = new AbortController()

  constructor(
    private readonly webhook: Webhook,
    private readonly projectId: string,
    private readonly maxPending = MAX_PENDING,
  ) {}

  push(delivery: QueuedDelivery): void {
    // Once stopping, a new delivery just stays in its file for the next start.
    if (this.stopping.signal.aborted) return
    if (this.pending.length >= this.maxPending) {
      const oldest = this.pending.shift()!
      oldest.store.remove(oldest.rowId)
      this.dropped++
      if (this.dropped === 1 || this.dropped % DROP_WARNING_EVERY === 0) {
        this.log('warn', `more than ${this.maxPending} deliveries are waiting; dropped the oldest, ${describe(oldest)} (${this.dropped} dropped so far)`)
      }
    }
    this.pending.push(delivery)
    this.sending ??= this.drain().finally(() => {
      this.sending = null
    })
  }

  private async drain(): Promise<void> {
    while (!this.stopping.signal.aborted) {
      const delivery = this.pending.shift()
      if (!delivery) break
      await this.deliver(delivery)
    }
  }

  private async deliver(delivery: QueuedDelivery): Promise<void> {
    const {maxAttempts, timeoutMs} = this.webhook
    for (;;) {
      const wait = delivery.nextAttemptAt - Date.now()
      try {
        if (wait > 0) await sleep(wait, undefined, {signal: this.stopping.signal})
      } catch {
        return
      }
      if (this.stopping.signal.aborted) return
      const result = await attempt(webhookRequest(this.webhook, delivery, this.projectId, Date.now()), timeoutMs, this.cut.signal)
      // Cut by shutdown: no answer counts, and the delivery goes out again after the restart.
      if (this.cut.signal.aborted) return
      delivery.attempts++
      if ('status' in result && result.status >= 200 && result.status < 300) return this.settle(delivery)
      const why = 'error' in result ? result.error : `HTTP ${result.status}`
      if (!isRetryable(result)) {
        this.log('error', `${describe(delivery)} was refused with ${why}; not retrying`)
        return this.settle(delivery)
      }
      if (delivery.attempts >= maxAttempts) {
        const attempts = delivery.attempts
        this.log('error', `gave up on ${describe(delivery)} after ${attempts} ${attempts === 1 ? 'attempt' : 'attempts'}; the last failed with ${why}`)
        return this.settle(delivery)
      }
      const retryIn = retryDelayMs(delivery.attempts)
      delivery.nextAttemptAt = Date.now() + retryIn
      delivery.store.reschedule(delivery.rowId, delivery.attempts, delivery.nextAttemptAt)
      this.log('warn', `attempt ${delivery.attempts} of ${maxAttempts} for ${describe(delivery)} failed with ${why}; retrying in ${retryIn} ms`)
    }
  }

  private settle(delivery: QueuedDelivery): void {
    delivery.store.remove(delivery.rowId)
  }

  private log(level: 'warn' | 'error', message: string): void {
    console[level](`Webhook "${this.webhook.name}": ${message}`)
  }

  /**
   * Starts no new attempt and gives the one in flight until `budgetMs` to be answered (and its
   * answer recorded), then cuts it. What is not delivered stays in the files for the next start.
   * Returns how many deliveries that is.
   */
  async finish(budgetMs: number): Promise<number> {
    this.stopping.abort()
    if (this.sending) {
      const budget = new AbortController()
      await Promise.race([this.sending, sleep(budgetMs, undefined, {signal: budget.signal}).catch(() => {})])
      budget.abort()
    }
    return this.close()
  }

  /** Stops at once, cutting the attempt in flight; returns how many deliveries are left owed. */
  close(): number {
    this.stopping.abort()
    this.cut.abort()
    const left = this.pending.length + (this.sending ? 1 : 0)
    this.pending.length = 0
    return left
  }
}
