import {evaluate, type ExprNode} from 'groq-js'
import {isDraftId, isPrivateId, isVersionId} from '../ids'
import type {CommittedTransaction, DocumentChange, SanityDocument} from '../types'
import type {Webhook, WebhookOperation} from './config'

export interface TriggerContext {
  transaction: CommittedTransaction
  dataset: string
  projectId: string
}

/** What one webhook sends for one document change. */
export interface Triggered {
  operation: WebhookOperation
  /** The projection (or the whole document) as JSON. */
  body: string
}

/**
 * Sanity's triggers are about the document's existence, not about the filter: `create` when
 * it did not exist before the transaction, `delete` when it does not exist after it, `update`
 * otherwise (the same as groq-js's delta::operation()).
 */
export function operationOf(change: DocumentChange): WebhookOperation | null {
  if (change.before && change.after) return 'update'
  if (change.after) return 'create'
  if (change.before) return 'delete'
  return null
}

/** Drafts, versions and other ids with a dot stay out unless the webhook asks for them, as in Sanity. */
function watches(webhook: Webhook, id: string): boolean {
  if (isVersionId(id)) return webhook.includeAllVersions
  if (isDraftId(id) || isPrivateId(id)) return webhook.includeDrafts
  return true
}

async function run(tree: ExprNode, root: SanityDocument, change: DocumentChange, context: TriggerContext): Promise<unknown> {
  // No dataset: sub-queries such as *[…] see nothing, which Sanity documents as yielding false.
  const value = await evaluate(tree, {
    root,
    before: change.before,
    after: change.after,
    timestamp: new Date(context.transaction.timestamp),
    identity: context.transaction.identity,
    sanity: {projectId: context.projectId, dataset: context.dataset},
  })
  return value.get()
}

/**
 * Decides whether a change fires the webhook and evaluates its body. The document the filter
 * and projection see (`@`) is the one after the change, or the one before it for a delete,
 * which has no after; before() and after() give both sides.
 */
export async function trigger(webhook: Webhook, change: DocumentChange, context: TriggerContext): Promise<Triggered | null> {
  const operation = operationOf(change)
  if (!operation || !webhook.on.has(operation) || !watches(webhook, change.id)) return null
  const root = (change.after ?? change.before)!
  if (webhook.filter && (await run(webhook.filter, root, change, context)) !== true) return null
  const body = webhook.projection ? await run(webhook.projection, root, change, context) : root
  return {operation, body: JSON.stringify(body ?? null)}
}
