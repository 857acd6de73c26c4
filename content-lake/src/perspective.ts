import {isDraftId, isPrivateId, isVersionId, publishedId} from './ids'
import type {SanityDocument} from './types'

export type Perspective = 'raw' | 'published' | 'drafts'

export class PerspectiveError extends Error {
  override name = 'PerspectiveError'
}

// The hosted API switched its default from `raw` to `published` with this API version.
const PUBLISHED_BY_DEFAULT_SINCE = '2025-02-19'

export function parsePerspective(value: string | null, apiVersion: string): Perspective {
  if (value === null || value === '') {
    return apiVersion >= PUBLISHED_BY_DEFAULT_SINCE ? 'published' : 'raw'
  }
  if (value === 'previewDrafts') return 'drafts' // the deprecated name
  if (value === 'raw' || value === 'published' || value === 'drafts') return value
  throw new PerspectiveError(
    `Invalid perspective "${value}": use "published", "drafts" or "raw"`,
  )
}

/**
 * The documents a query sees. Unauthenticated callers never see documents in a path
 * (drafts, versions, private documents), whatever perspective they ask for.
 */
export function documentsInPerspective(
  all: readonly SanityDocument[],
  perspective: Perspective,
  canReadPrivate: boolean,
): SanityDocument[] {
  const readable = canReadPrivate ? all : all.filter((doc) => !isPrivateId(doc._id))
  switch (perspective) {
    case 'raw':
      return [...readable]
    case 'published':
      return readable.filter((doc) => !isDraftId(doc._id) && !isVersionId(doc._id))
    case 'drafts':
      return overlayDrafts(readable)
  }
}

// A draft replaces its published document, keeping the published id; `_originalId` tells
// which one was chosen, as the hosted API does.
function overlayDrafts(documents: readonly SanityDocument[]): SanityDocument[] {
  const chosen = new Map<string, SanityDocument>()
  for (const doc of documents) {
    if (isVersionId(doc._id)) continue
    const id = publishedId(doc._id)
    if (isDraftId(doc._id) || !chosen.has(id)) chosen.set(id, doc)
  }
  return [...chosen.entries()].map(([id, doc]) => ({...doc, _id: id, _originalId: doc._id}))
}
