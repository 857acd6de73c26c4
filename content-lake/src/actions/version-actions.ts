import {isDraftId} from '../ids'
import type {SanityDocument} from '../types'
import {type ActionHandler, documentField, fail, requireRevision, stringField, versionIdOf, withoutSystemFields} from './context'
import {refusePurge} from './purge'

// Sanity's version actions (`sanity.action.document.version.*`). Studio sends them for drafts
// too: deleting a never-published document and "discard changes" are `version.discard`, and
// "copy to drafts" and restoring a deleted document are `version.create`.

/** A new version, from a whole `document` or copied from `baseId` (at `ifBaseRevisionId`). */
const create: ActionHandler = (action, context) => {
  const {index, current, emit} = context
  const publishedId = stringField(action, index, 'publishedId')
  let doc: SanityDocument
  if (action.document !== undefined) {
    const document = documentField(action, index, 'document')
    doc = {...document, _id: versionIdOf(stringField(document, index, '_id'), context, publishedId)}
  } else {
    const versionId = versionIdOf(stringField(action, index, 'versionId'), context, publishedId)
    const baseId = stringField(action, index, 'baseId')
    const base = current(baseId)
    if (!base) throw fail(404, index, 'documentNotFoundError', `The base document "${baseId}" does not exist`)
    requireRevision(action.ifBaseRevisionId, base, baseId, index)
    doc = {...withoutSystemFields(base), _id: versionId} as SanityDocument
  }
  if (current(doc._id)) throw fail(409, index, 'documentAlreadyExistsError', `"${doc._id}" already exists`)
  emit({create: doc}, doc._id, doc)
}

/** Deletes a version, which must exist. A never-published document is only its draft. */
const discard: ActionHandler = (action, context) => {
  refusePurge(action, context.index)
  const versionId = versionIdOf(stringField(action, context.index, 'versionId'), context)
  if (!context.current(versionId)) throw fail(404, context.index, 'documentNotFoundError', `There is no version "${versionId}" to discard`)
  context.emit({delete: {id: versionId}}, versionId, null)
}

/** Replaces the whole of a version, which must exist. */
const replace: ActionHandler = (action, context) => {
  const document = documentField(action, context.index, 'document')
  const versionId = versionIdOf(stringField(document, context.index, '_id'), context)
  if (!context.current(versionId)) throw fail(404, context.index, 'documentNotFoundError', `There is no version "${versionId}" to replace`)
  const doc = {...document, _id: versionId}
  context.emit({createOrReplace: doc}, versionId, doc)
}

/**
 * Marks a release version to unpublish the document when its release is published. A draft
 * cannot be marked (Studio uses `document.unpublish` for that); and as this lake cannot publish
 * releases, it refuses the mark rather than keep a promise it cannot carry out.
 */
const unpublish: ActionHandler = (action, context) => {
  const versionId = stringField(action, context.index, 'versionId')
  if (isDraftId(versionId)) throw fail(400, context.index, 'validationError', `"${versionId}" is a draft: use "sanity.action.document.unpublish"`)
  versionIdOf(versionId, context, stringField(action, context.index, 'publishedId'))
  throw fail(400, context.index, 'validationError', 'Releases cannot be published on this lake, so a version cannot be marked for unpublishing')
}

export const versionActions: Record<string, ActionHandler> = {
  'sanity.action.document.version.create': create,
  'sanity.action.document.version.discard': discard,
  'sanity.action.document.version.replace': replace,
  'sanity.action.document.version.unpublish': unpublish,
}
