import {createHash} from 'node:crypto'
import type {WebhookRequest} from './attempt'
import type {Webhook, WebhookOperation} from './config'
import {signatureHeader} from './signature'

/** One document change for one webhook, waiting to be sent. */
export interface Delivery {
  dataset: string
  documentId: string
  transactionId: string
  /** The transaction's time (ISO 8601). */
  transactionTime: string
  operation: WebhookOperation
  body: string
  idempotencyKey: string
}

/**
 * Stable for a webhook, a transaction and a document, so every retry carries the same key
 * and receivers can drop what they already handled; opaque, like Sanity's.
 */
export function idempotencyKey(webhook: Webhook, dataset: string, transactionId: string, documentId: string): string {
  return createHash('sha256')
    .update(JSON.stringify([webhook.name, dataset, transactionId, documentId]))
    .digest('base64url')
}

/** The request for one attempt: signed anew each time, since receivers may check the signature's age. */
export function webhookRequest(webhook: Webhook, delivery: Delivery, projectId: string, nowMs: number): WebhookRequest {
  return {
    url: webhook.url,
    method: webhook.httpMethod,
    body: delivery.body,
    headers: {
      ...webhook.headers,
      'content-type': 'application/json',
      'user-agent': 'Sanity.io webhook delivery (local Content Lake)',
      'idempotency-key': delivery.idempotencyKey,
      'sanity-project-id': projectId,
      'sanity-dataset': delivery.dataset,
      'sanity-document-id': delivery.documentId,
      'sanity-transaction-id': delivery.transactionId,
      'sanity-transaction-time': delivery.transactionTime,
      'sanity-operation': delivery.operation,
      'sanity-webhook-id': webhook.name,
      ...(webhook.secret ? {'sanity-webhook-signature': signatureHeader(delivery.body, nowMs, webhook.secret)} : {}),
    },
  }
}
