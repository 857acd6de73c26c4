import type {Dataset} from '../store/dataset'
import type {NewDelivery} from '../store/webhook-deliveries'
import type {CommittedTransaction} from '../types'
import type {Webhook, WebhookOperation} from './config'
import {idempotencyKey} from './delivery'
import {DeliveryQueue} from './queue'
import {trigger} from './trigger'

/**
 * Turns commits into webhook deliveries. Datasets are handed over as they are opened; each
 * commit is evaluated after the writer has been answered and queued per webhook, so neither
 * GROQ nor a slow receiver ever holds up a write. Every delivery is kept in its dataset's file
 * until it is accepted or given up on (see store/webhook-deliveries.ts): what a run leaves owed,
 * the next one sends.
 */
export class WebhookDispatcher {
  private readonly queues: Map<string, DeliveryQueue>
  private readonly unsubscribes: (() => void)[] = []
  private closed = false

  constructor(
    private readonly webhooks: readonly Webhook[],
    private readonly projectId: string,
  ) {
    this.queues = new Map(webhooks.map((webhook) => [webhook.name, new DeliveryQueue(webhook, projectId)]))
  }

  /** Whether any webhook watches this dataset. */
  watches(dataset: string): boolean {
    return this.webhooks.some((webhook) => webhook.dataset === undefined || webhook.dataset === dataset)
  }

  /**
   * Starts watching a newly opened dataset's commits, after resuming what it still owes from
   * an earlier run: stored deliveries first, then transactions committed but never evaluated.
   */
  watch(dataset: Dataset): void {
    const webhooks = this.webhooks.filter((webhook) => webhook.dataset === undefined || webhook.dataset === dataset.name)
    this.resume(dataset, webhooks)
    if (webhooks.length === 0) return
    dataset.owesWebhooks = true
    const store = dataset.webhookDeliveries
    // One chain per dataset keeps deliveries in commit order.
    let evaluation = Promise.resolve()
    const then = (work: () => Promise<void>) => {
      evaluation = evaluation.then(work).catch((error: unknown) => {
        if (!this.closed) console.error(`Webhooks: could not queue the deliveries of a transaction in ${dataset.name}`, error)
      })
    }
    for (const seq of store.owed()) {
      then(async () => {
        const transaction = dataset.history.transaction(seq)
        if (transaction) await this.evaluate(webhooks, dataset, transaction)
        else store.queue(seq, [])
      })
    }
    this.unsubscribes.push(dataset.subscribe((transaction) => then(() => this.evaluate(webhooks, dataset, transaction))))
  }

  /** Queues the deliveries an earlier run left; those of webhooks no longer configured are dropped. */
  private resume(dataset: Dataset, webhooks: readonly Webhook[]): void {
    const store = dataset.webhookDeliveries
    let forgotten = 0
    for (const stored of store.pending()) {
      const queue = webhooks.some((webhook) => webhook.name === stored.webhook) ? this.queues.get(stored.webhook) : undefined
      if (!queue) {
        store.remove(stored.rowId)
        forgotten++
        continue
      }
      queue.push({...stored, operation: stored.operation as WebhookOperation, dataset: dataset.name, store})
    }
    if (webhooks.length === 0) for (const seq of store.owed()) store.queue(seq, [])
    if (forgotten > 0) console.warn(`Webhooks: dropped ${forgotten} deliveries owed in ${dataset.name} to webhooks that are no longer configured`)
  }

  private async evaluate(webhooks: readonly Webhook[], dataset: Dataset, transaction: CommittedTransaction): Promise<void> {
    const context = {transaction, dataset: dataset.name, projectId: this.projectId}
    const deliveries: NewDelivery[] = []
    for (const change of transaction.changes) {
      for (const webhook of webhooks) {
        try {
          const triggered = await trigger(webhook, change, context)
          if (!triggered) continue
          deliveries.push({
            webhook: webhook.name,
            documentId: change.id,
            transactionId: transaction.id,
            transactionTime: transaction.timestamp,
            operation: triggered.operation,
            body: triggered.body,
            idempotencyKey: idempotencyKey(webhook, dataset.name, transaction.id, change.id),
          })
        } catch (error) {
          console.error(`Webhook "${webhook.name}": its filter or projection failed on ${change.id} in ${dataset.name}`, error)
        }
      }
    }
    // Closed meanwhile: the transaction stays marked as owed, and the next start evaluates it again.
    if (this.closed) return
    const store = dataset.webhookDeliveries
    const rowIds = store.queue(transaction.seq, deliveries)
    deliveries.forEach((delivery, index) => {
      this.queues.get(delivery.webhook)!.push({
        ...delivery,
        operation: delivery.operation as WebhookOperation,
        dataset: dataset.name,
        store,
        rowId: rowIds[index]!,
        attempts: 0,
        nextAttemptAt: 0,
      })
    })
  }

  /**
   * Graceful shutdown: no new attempts; those in flight get until `budgetMs` to be answered.
   * Nothing is lost either way: whatever is not delivered goes out after the next start.
   */
  async finish(budgetMs: number): Promise<void> {
    const left = await Promise.all([...this.queues.values()].map((queue) => queue.finish(budgetMs)))
    this.reportLeft(left)
  }

  close(): void {
    this.closed = true
    for (const unsubscribe of this.unsubscribes) unsubscribe()
    this.reportLeft([...this.queues.values()].map((queue) => queue.close()))
  }

  private reportLeft(left: number[]): void {
    const total = left.reduce((sum, count) => sum + count, 0)
    if (total > 0) console.warn(`Webhooks: ${total} deliveries are kept in the datasets' files and go out after the next start`)
  }
}
