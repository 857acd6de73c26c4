import {randomUUID} from 'node:crypto'
import type {SanityClient} from '@sanity/client'
import {COMMENT_DRAFT_ID_PREFIX, DOCUMENT_TYPES} from '../../contract/documents'
import {deleteInBatches} from './batched-delete.server'

/**
 * Comment drafts in the Content Lake: a reader's started comment, kept while they log in.
 * Private (an id with a dot: unreadable without a token) and already sealed by the caller;
 * each carries its expiry, and expired ones are deleted on a schedule.
 */

export function newCommentDraftId(): string {
  return `${COMMENT_DRAFT_ID_PREFIX}${randomUUID()}`
}

export async function writeCommentDraft(client: SanityClient, id: string, sealed: string, expiresAt: Date): Promise<void> {
  await client.createOrReplace({_id: id, _type: DOCUMENT_TYPES.commentDraft, sealed, expiresAt: expiresAt.toISOString()}, {visibility: 'async'})
}

/** The sealed draft and its expiry, or null when there is none. */
export async function readCommentDraft(client: SanityClient, id: string): Promise<{sealed?: string; expiresAt?: string} | null> {
  return (await client.getDocument<{sealed?: string; expiresAt?: string}>(id)) ?? null
}

export async function deleteCommentDraft(client: SanityClient, id: string): Promise<void> {
  await client.delete(id)
}

/** Deletes the drafts past their expiry; returns how many. */
export function deleteExpiredCommentDrafts(client: SanityClient, now: Date): Promise<number> {
  return deleteInBatches(client, `*[_type == $type && expiresAt < $now][0...$batch]._id`, {type: DOCUMENT_TYPES.commentDraft, now: now.toISOString()})
}
