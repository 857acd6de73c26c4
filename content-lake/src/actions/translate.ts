import type {SanityDocument} from '../types'
import {type ActionContext, type ActionHandler, fail, type Json} from './context'
import {documentActions} from './document-actions'
import {unavailableActions} from './unavailable-actions'
import {versionActions} from './version-actions'

/**
 * Sanity's Actions API (what Studio uses to edit and publish), expressed as the mutations it
 * amounts to, given the documents as they are when the actions run. The resulting mutations
 * are what listeners see in their events.
 */

export interface TranslatedActions {
  mutations: Json[]
  /** For each mutation, the action it came from (for error positions). */
  actionIndexes: number[]
}

/** Every action type @sanity/client knows (as of 8.15), and what this lake does with it. */
const handlers: Record<string, ActionHandler> = {...documentActions, ...versionActions, ...unavailableActions}

export function translateActions(actions: unknown, read: (id: string) => SanityDocument | undefined): TranslatedActions {
  if (!Array.isArray(actions) || actions.length === 0) {
    throw fail(400, 0, 'validationError', 'The request body must hold a non-empty "actions" array')
  }
  const mutations: Json[] = []
  const actionIndexes: number[] = []
  // Later actions see what earlier ones did, as in one transaction.
  const staged = new Map<string, SanityDocument | null>()
  const current = (id: string) => (staged.has(id) ? (staged.get(id) ?? undefined) : read(id))

  actions.forEach((raw, index) => {
    if (raw === null || typeof raw !== 'object') throw fail(400, index, 'validationError', 'Each action must be an object')
    const action = raw as Json
    const handler = typeof action.actionType === 'string' && Object.hasOwn(handlers, action.actionType) ? handlers[action.actionType] : undefined
    if (!handler) throw fail(400, index, 'validationError', `Action "${String(action.actionType)}" is not supported by this lake`)
    const context: ActionContext = {
      index,
      current,
      emit: (mutation, id, after) => {
        mutations.push(mutation)
        actionIndexes.push(index)
        staged.set(id, after)
      },
    }
    handler(action, context)
  })
  return {mutations, actionIndexes}
}
