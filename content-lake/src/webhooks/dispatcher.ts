import type {Dataset} from '../store/dataset'
import type {CommittedTransaction} from '../types'
import type {Webhook} from './config'
import {idempotencyKey} from './delivery'
import {DeliveryQueue} from './queue'
import {trigger} from './trigger'

/**
 * Turns commits into webhook deliveries. Datasets are handed over as they are opened; each
 * commit is evaluated after the writer has been answered and queued per webhook, so neither
 * GROQ nor a slow receiver ever holds up a write.
 */
export class WebhookDispatcher {
  private readonly queues: Map<Webhook, DeliveryQueue>
  private readonly unsubscribes: (() => void)[] = []
  private closed = false

  constructor(
    private readonly webhooks: readonly Webhook[],
    private readonly projectId: string,
  ) {
    this.queues = new Map(webhooks.map((webhook) => [webhook, new DeliveryQueue(webhook, projectId)]))
  }

  /** Starts watching a newly opened dataset's commits. */
  watch(dataset: Dataset): void {
    const webhooks = this.webhooks.filter((webhook) => webhook.dataset === undefined || webhook.dataset === dataset.name)
    if (webhooks.length === 0) return
    // One chain per dataset keeps deliveries in commit order.
    let evaluation = Promise.resolve()
    this.unsubscribes.push(
      dataset.subscribe((transaction) => {
        evaluation = evaluation.then(() => this.evaluate(webhooks, dataset.name, transaction))
      }),
    )
  }

  private async evaluate(webhooks: readonly Webhook[], dataset: string, transaction: CommittedTransaction): Promise<void> {
    const context = {transaction, dataset, projectId: this.projectId}
    for (const change of transaction.changes) {
      for (const webhook of webhooks) {
        try {
          const triggered = await trigger(webhook, change, context)
          if (!triggered || this.closed) continue
          this.queues.get(webhook)!.push({
            dataset,
            documentId: change.id,
            transactionId: transaction.id,
            transactionTime: transaction.timestamp,
            operation: triggered.operation,
            body: triggered.body,
            idempotencyKey: idempotencyKey(webhook, dataset, transaction.id, change.id),
          })
        } catch (error) {
          console.error(`Webhook "${webhook.name}": its filter or projection failed on ${change.id} in ${dataset}`, error)
        }
      }
    }
  }

  close(): void {
    this.closed = true
    for (const unsubscribe of this.unsubscribes) unsubscribe()
    let lost = 0
    for (const queue of this.queues.values()) lost += queue.close()
    if (lost > 0) console.warn(`Webhooks: ${lost} deliveries were not sent before shutdown; they are dropped`)
  }
}
