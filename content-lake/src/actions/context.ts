import {isDraftId, isVersionId, publishedId as basePublishedId} from '../ids'
import {MutationError} from '../mutations/errors'
import type {SanityDocument} from '../types'

export type Json = Record<string, unknown>

/** What an action sees while it runs: the documents as earlier actions of the request left them. */
export interface ActionContext {
  /** The action's position in the request, for error answers. */
  index: number
  current(id: string): SanityDocument | undefined
  /** Records a mutation and the document it leaves behind (null: deleted). */
  emit(mutation: Json, id: string, after: SanityDocument | null): void
}

export type ActionHandler = (action: Json, context: ActionContext) => void

export function fail(status: number, index: number, type: string, description: string): MutationError {
  return new MutationError(status, [{index, error: {type, description}}], 'The action(s) failed', 'actionError')
}

export function stringField(action: Json, index: number, name: string): string {
  const value = action[name]
  if (typeof value !== 'string' || value === '') throw fail(400, index, 'validationError', `"${name}" is required`)
  return value
}

/** `attributes`/`document`: a document stub, which needs a `_type`. */
export function documentField(action: Json, index: number, name: string): SanityDocument {
  const value = action[name] as SanityDocument | undefined
  if (value === null || typeof value !== 'object' || typeof value._type !== 'string') {
    throw fail(400, index, 'validationError', `"${name}" with a "_type" is required`)
  }
  return value
}

/** A draft id that belongs to `publishedId` (the draft's id if none is given). */
export function draftIdOf(draftId: unknown, index: number, publishedId: string): string {
  const id = typeof draftId === 'string' ? draftId : `drafts.${publishedId}`
  if (!isDraftId(id) || basePublishedId(id) !== publishedId) {
    throw fail(400, index, 'validationError', `"${id}" is not the draft of "${publishedId}"`)
  }
  return id
}

/**
 * A version id: the draft (`drafts.<id>`) or a release's version (`versions.<release>.<id>`).
 * A release version needs its release (`_.releases.<release>`), as in the hosted lake; this lake
 * cannot create releases, but an imported dataset may bring them.
 */
export function versionIdOf(versionId: string, context: ActionContext, publishedId?: string): string {
  const {index} = context
  if (!isDraftId(versionId) && !isVersionId(versionId)) throw fail(400, index, 'validationError', `"${versionId}" is not a draft or release version id`)
  if (publishedId !== undefined && basePublishedId(versionId) !== publishedId) {
    throw fail(400, index, 'validationError', `"${versionId}" is not a version of "${publishedId}"`)
  }
  if (isVersionId(versionId)) {
    const releaseId = versionId.split('.')[1]
    if (!context.current(`_.releases.${releaseId}`)) throw fail(404, index, 'documentNotFoundError', `Release "${releaseId}" does not exist`)
  }
  return versionId
}

/** A document's content without the fields the lake sets on every write. */
export function withoutSystemFields(doc: SanityDocument): Json {
  const {_rev, _updatedAt, _originalId, ...rest} = doc as Json
  return rest
}

/** `ifRevisionId`-style optimistic locking: 409 when the document has moved on. */
export function requireRevision(expected: unknown, doc: SanityDocument | undefined, id: string, index: number): void {
  if (typeof expected === 'string' && expected !== doc?._rev) {
    throw fail(409, index, 'revisionMismatchError', `"${id}" has changed since revision "${expected}"`)
  }
}
