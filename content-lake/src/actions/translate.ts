import {isDraftId, publishedId as basePublishedId} from '../ids'
import {MutationError} from '../mutations/errors'
import type {SanityDocument} from '../types'

/**
 * Sanity's Actions API (what Studio uses to edit and publish), expressed as the mutations it
 * amounts to, given the documents as they are when the actions run. The resulting mutations
 * are what listeners see in their events.
 */

type Json = Record<string, unknown>

export interface TranslatedActions {
  mutations: Json[]
  /** For each mutation, the action it came from (for error positions). */
  actionIndexes: number[]
}

function fail(status: number, index: number, type: string, description: string): MutationError {
  return new MutationError(status, [{index, error: {type, description}}], 'The action(s) failed', 'actionError')
}

function stringField(action: Json, index: number, name: string): string {
  const value = action[name]
  if (typeof value !== 'string' || value === '') throw fail(400, index, 'validationError', `"${name}" is required`)
  return value
}

function draftIdOf(action: Json, index: number, publishedId: string): string {
  const draftId = typeof action.draftId === 'string' ? action.draftId : `drafts.${publishedId}`
  if (!isDraftId(draftId) || basePublishedId(draftId) !== publishedId) {
    throw fail(400, index, 'validationError', `"${draftId}" is not the draft of "${publishedId}"`)
  }
  return draftId
}

function withoutSystemFields(doc: SanityDocument): Json {
  const {_rev, _updatedAt, _originalId, ...rest} = doc as Json
  return rest
}

export function translateActions(actions: unknown, read: (id: string) => SanityDocument | undefined): TranslatedActions {
  if (!Array.isArray(actions) || actions.length === 0) {
    throw fail(400, 0, 'validationError', 'The request body must hold a non-empty "actions" array')
  }
  const mutations: Json[] = []
  const actionIndexes: number[] = []
  // Later actions see what earlier ones did, as in one transaction.
  const staged = new Map<string, SanityDocument | null>()
  const current = (id: string) => (staged.has(id) ? (staged.get(id) ?? undefined) : read(id))
  const emit = (index: number, mutation: Json, id: string, after: SanityDocument | null) => {
    mutations.push(mutation)
    actionIndexes.push(index)
    staged.set(id, after)
  }

  actions.forEach((raw, index) => {
    if (raw === null || typeof raw !== 'object') throw fail(400, index, 'validationError', 'Each action must be an object')
    const action = raw as Json
    switch (action.actionType) {
      case 'sanity.action.document.create': {
        const publishedId = stringField(action, index, 'publishedId')
        const attributes = action.attributes as SanityDocument | undefined
        if (!attributes || typeof attributes._type !== 'string') throw fail(400, index, 'validationError', '"attributes" with a "_type" are required')
        const draftId = draftIdOf({draftId: attributes._id}, index, publishedId)
        if (current(draftId)) {
          if (action.ifExists === 'ignore') return
          throw fail(409, index, 'documentAlreadyExistsError', `Draft "${draftId}" already exists`)
        }
        const doc = {...attributes, _id: draftId}
        emit(index, {create: doc}, draftId, doc)
        return
      }
      case 'sanity.action.document.edit': {
        const publishedId = stringField(action, index, 'publishedId')
        const draftId = draftIdOf(action, index, publishedId)
        if (action.patch === null || typeof action.patch !== 'object') throw fail(400, index, 'validationError', '"patch" is required')
        if (!current(draftId)) {
          // Editing a published document starts its draft from it.
          const published = current(publishedId)
          if (!published) throw fail(404, index, 'documentNotFoundError', `Neither "${draftId}" nor "${publishedId}" exists`)
          const draft = {...withoutSystemFields(published), _id: draftId} as SanityDocument
          emit(index, {create: draft}, draftId, draft)
        }
        emit(index, {patch: {...(action.patch as Json), id: draftId}}, draftId, current(draftId) ?? null)
        return
      }
      case 'sanity.action.document.publish': {
        const publishedId = stringField(action, index, 'publishedId')
        const draftId = draftIdOf(action, index, publishedId)
        const draft = current(draftId)
        if (!draft) throw fail(404, index, 'documentNotFoundError', `There is no draft "${draftId}" to publish`)
        if (typeof action.ifDraftRevisionId === 'string' && action.ifDraftRevisionId !== draft._rev) {
          throw fail(409, index, 'revisionMismatchError', `Draft "${draftId}" has changed since revision "${action.ifDraftRevisionId}"`)
        }
        const published = current(publishedId)
        if (typeof action.ifPublishedRevisionId === 'string' && action.ifPublishedRevisionId !== published?._rev) {
          throw fail(409, index, 'revisionMismatchError', `"${publishedId}" has changed since revision "${action.ifPublishedRevisionId}"`)
        }
        const doc = {...withoutSystemFields(draft), _id: publishedId} as SanityDocument
        emit(index, {createOrReplace: doc}, publishedId, doc)
        emit(index, {delete: {id: draftId}}, draftId, null)
        return
      }
      case 'sanity.action.document.unpublish': {
        const publishedId = stringField(action, index, 'publishedId')
        const draftId = draftIdOf(action, index, publishedId)
        const published = current(publishedId)
        if (!published) throw fail(404, index, 'documentNotFoundError', `"${publishedId}" is not published`)
        if (!current(draftId)) {
          const draft = {...withoutSystemFields(published), _id: draftId} as SanityDocument
          emit(index, {create: draft}, draftId, draft)
        }
        emit(index, {delete: {id: publishedId}}, publishedId, null)
        return
      }
      case 'sanity.action.document.discard': {
        const draftId = stringField(action, index, 'draftId')
        if (!isDraftId(draftId)) throw fail(400, index, 'validationError', `"${draftId}" is not a draft id`)
        if (!current(draftId)) throw fail(404, index, 'documentNotFoundError', `There is no draft "${draftId}" to discard`)
        emit(index, {delete: {id: draftId}}, draftId, null)
        return
      }
      case 'sanity.action.document.delete': {
        const publishedId = stringField(action, index, 'publishedId')
        const drafts = Array.isArray(action.includeDrafts) ? action.includeDrafts.filter((id): id is string => typeof id === 'string') : []
        for (const id of [publishedId, ...drafts]) {
          if (id !== publishedId && basePublishedId(id) !== publishedId) {
            throw fail(400, index, 'validationError', `"${id}" is not a draft of "${publishedId}"`)
          }
          if (current(id)) emit(index, {delete: {id}}, id, null)
        }
        return
      }
      case 'sanity.action.document.replaceDraft': {
        const publishedId = stringField(action, index, 'publishedId')
        const attributes = action.attributes as SanityDocument | undefined
        if (!attributes || typeof attributes._type !== 'string') throw fail(400, index, 'validationError', '"attributes" with a "_type" are required')
        const draftId = draftIdOf({draftId: attributes._id ?? `drafts.${publishedId}`}, index, publishedId)
        const doc = {...attributes, _id: draftId}
        emit(index, {createOrReplace: doc}, draftId, doc)
        return
      }
      default:
        throw fail(400, index, 'validationError', `Action "${String(action.actionType)}" is not supported by this lake`)
    }
  })
  return {mutations, actionIndexes}
}
