import {isDraftId, publishedId as basePublishedId} from '../ids'
import type {SanityDocument} from '../types'
import {type ActionHandler, documentField, draftIdOf, fail, requireRevision, stringField, withoutSystemFields} from './context'
import {refusePurge} from './purge'

// Sanity's draft/published actions (`sanity.action.document.*`), with the rules and error answers
// @sanity/client documents for each of them.

/** A new draft; the published document must not exist yet. */
const create: ActionHandler = (action, {index, current, emit}) => {
  const publishedId = stringField(action, index, 'publishedId')
  const attributes = documentField(action, index, 'attributes')
  const draftId = draftIdOf(attributes._id, index, publishedId)
  if (current(publishedId)) throw fail(409, index, 'documentAlreadyExistsError', `"${publishedId}" is already published: edit its draft instead`)
  if (current(draftId)) {
    if (action.ifExists === 'ignore') return
    throw fail(409, index, 'documentAlreadyExistsError', `Draft "${draftId}" already exists`)
  }
  const doc = {...attributes, _id: draftId}
  emit({create: doc}, draftId, doc)
}

/** Patches the draft, first starting it from the published document if there is none. */
const edit: ActionHandler = (action, {index, current, emit}) => {
  const publishedId = stringField(action, index, 'publishedId')
  const draftId = draftIdOf(action.draftId, index, publishedId)
  if (action.patch === null || typeof action.patch !== 'object') throw fail(400, index, 'validationError', '"patch" is required')
  if (!current(draftId)) {
    const published = current(publishedId)
    if (!published) throw fail(404, index, 'documentNotFoundError', `Neither "${draftId}" nor "${publishedId}" exists`)
    const draft = {...withoutSystemFields(published), _id: draftId} as SanityDocument
    emit({create: draft}, draftId, draft)
  }
  emit({patch: {...(action.patch as Record<string, unknown>), id: draftId}}, draftId, current(draftId) ?? null)
}

/** The draft replaces the published document and goes away. */
const publish: ActionHandler = (action, {index, current, emit}) => {
  const publishedId = stringField(action, index, 'publishedId')
  const draftId = draftIdOf(action.draftId, index, publishedId)
  const draft = current(draftId)
  if (!draft) throw fail(404, index, 'documentNotFoundError', `There is no draft "${draftId}" to publish`)
  requireRevision(action.ifDraftRevisionId, draft, draftId, index)
  requireRevision(action.ifPublishedRevisionId, current(publishedId), publishedId, index)
  const doc = {...withoutSystemFields(draft), _id: publishedId} as SanityDocument
  emit({createOrReplace: doc}, publishedId, doc)
  emit({delete: {id: draftId}}, draftId, null)
}

/** The published document goes; its content stays as the draft unless there is one already. */
const unpublish: ActionHandler = (action, {index, current, emit}) => {
  const publishedId = stringField(action, index, 'publishedId')
  const draftId = draftIdOf(action.draftId, index, publishedId)
  const published = current(publishedId)
  if (!published) throw fail(404, index, 'documentNotFoundError', `"${publishedId}" is not published`)
  if (!current(draftId)) {
    const draft = {...withoutSystemFields(published), _id: draftId} as SanityDocument
    emit({create: draft}, draftId, draft)
  }
  emit({delete: {id: publishedId}}, publishedId, null)
}

/** Drops a draft, which must exist. */
const discard: ActionHandler = (action, {index, current, emit}) => {
  refusePurge(action, index)
  const draftId = stringField(action, index, 'draftId')
  if (!isDraftId(draftId)) throw fail(400, index, 'validationError', `"${draftId}" is not a draft id`)
  if (!current(draftId)) throw fail(404, index, 'documentNotFoundError', `There is no draft "${draftId}" to discard`)
  emit({delete: {id: draftId}}, draftId, null)
}

/**
 * Deletes the published document and the drafts named in `includeDrafts`. A draft that exists
 * but is not named is an error: the caller would not know it had deleted it.
 */
const del: ActionHandler = (action, {index, current, emit}) => {
  refusePurge(action, index)
  const publishedId = stringField(action, index, 'publishedId')
  const drafts = Array.isArray(action.includeDrafts) ? action.includeDrafts.filter((id): id is string => typeof id === 'string') : []
  for (const id of drafts) {
    if (basePublishedId(id) !== publishedId || id === publishedId) throw fail(400, index, 'validationError', `"${id}" is not a draft of "${publishedId}"`)
  }
  const draftId = `drafts.${publishedId}`
  if (current(draftId) && !drafts.includes(draftId)) {
    throw fail(409, index, 'conflictError', `"${publishedId}" has a draft "${draftId}": name it in "includeDrafts" to delete it too`)
  }
  for (const id of [publishedId, ...drafts]) if (current(id)) emit({delete: {id}}, id, null)
}

/** Replaces the whole draft (deprecated in favour of `version.replace`, still sent by Studio). */
const replaceDraft: ActionHandler = (action, {index, current, emit}) => {
  const publishedId = stringField(action, index, 'publishedId')
  const attributes = documentField(action, index, 'attributes')
  const draftId = draftIdOf(attributes._id, index, publishedId)
  if (!current(draftId) && !current(publishedId)) {
    throw fail(404, index, 'documentNotFoundError', `Neither "${draftId}" nor "${publishedId}" exists`)
  }
  const doc = {...attributes, _id: draftId}
  emit({createOrReplace: doc}, draftId, doc)
}

export const documentActions: Record<string, ActionHandler> = {
  'sanity.action.document.create': create,
  'sanity.action.document.edit': edit,
  'sanity.action.document.publish': publish,
  'sanity.action.document.unpublish': unpublish,
  'sanity.action.document.discard': discard,
  'sanity.action.document.delete': del,
  'sanity.action.document.replaceDraft': replaceDraft,
}
