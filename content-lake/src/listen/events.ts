import {type MendozaPatch, mendozaEffects} from '../history/mendoza'
import {isPrivateId, isVersionId} from '../ids'
import type {CommittedTransaction, DocumentChange, SanityDocument} from '../types'
import type {DocumentFilter} from './filter'

export interface ListenOptions {
  includeResult: boolean
  includePreviousRevision: boolean
  includeMutations: boolean
  mendozaEffects: boolean
  includeAllVersions: boolean
  visibility: 'query' | 'transaction'
  canReadPrivate: boolean
}

export type Transition = 'appear' | 'update' | 'disappear'

export interface MutationEvent {
  eventId: string
  documentId: string
  transactionId: string
  transition: Transition
  identity: string
  mutations?: unknown[]
  previousRev?: string
  resultRev?: string
  result?: SanityDocument
  previous?: SanityDocument | null
  effects?: {apply: MendozaPatch; revert: MendozaPatch}
  timestamp: string
  visibility: 'query' | 'transaction'
  transactionTotalEvents: number
  transactionCurrentEvent: number
}

/** Listeners that ask for effects share one encoding per change; it goes when the transaction does. */
const encoded = new WeakMap<DocumentChange, {apply: MendozaPatch; revert: MendozaPatch}>()

function effectsOf(change: DocumentChange) {
  let effects = encoded.get(change)
  if (!effects) {
    effects = mendozaEffects(change.before, change.after)
    encoded.set(change, effects)
  }
  return effects
}

function transition(before: boolean, after: boolean): Transition | null {
  if (before && after) return 'update'
  if (after) return 'appear'
  if (before) return 'disappear'
  return null
}

/**
 * The events one listener gets for one transaction: one per document that matches its
 * filter before or after the change, with appear/update/disappear relative to the filter.
 */
export async function eventsFor(transaction: CommittedTransaction, matches: DocumentFilter, options: ListenOptions): Promise<MutationEvent[]> {
  const found: {change: DocumentChange; transition: Transition}[] = []
  for (const change of transaction.changes) {
    if (!options.canReadPrivate && isPrivateId(change.id)) continue
    if (!options.includeAllVersions && isVersionId(change.id)) continue
    const before = change.before ? await matches(change.before) : false
    const after = change.after ? await matches(change.after) : false
    const kind = transition(before, after)
    if (kind) found.push({change, transition: kind})
  }
  return found.map(({change, transition}, index) => ({
    eventId: `${transaction.id}#${change.id}`,
    documentId: change.id,
    transactionId: transaction.id,
    transition,
    identity: transaction.identity,
    ...(options.includeMutations ? {mutations: (change.mutationIndexes ?? []).map((i) => transaction.mutations[i])} : {}),
    ...(change.before?._rev ? {previousRev: change.before._rev} : {}),
    // A deletion leaves no document, yet Sanity still gives the transaction as its resultRev.
    ...(change.after?._rev ? {resultRev: change.after._rev} : change.after ? {} : {resultRev: transaction.id}),
    ...(options.includeResult && change.after ? {result: change.after} : {}),
    ...(options.includePreviousRevision ? {previous: change.before} : {}),
    ...(options.mendozaEffects ? {effects: effectsOf(change)} : {}),
    timestamp: transaction.timestamp,
    visibility: options.visibility,
    transactionTotalEvents: found.length,
    transactionCurrentEvent: index + 1,
  }))
}
