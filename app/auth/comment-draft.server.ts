import {randomUUID} from 'node:crypto'
import {type CommentFormValues, formValues} from '~/comments/form-fields'
import {getWriteClient} from '~/sanity/client.server'
import {seal, unseal} from '~/security/sealed.server'
import {getSession, type ReaderSession} from '~/session/session.server'

/**
 * A comment the reader had started when they pressed a log-in button: the log-in buttons
 * submit the comment form to /auth/<provider>, so its fields arrive there with or without
 * JavaScript, and come back filled in after the provider's round-trip.
 *
 * A comment may be 5,000 characters, more than a cookie holds, so the draft is kept in the
 * lake as a private document (an id with a dot: unreadable without a token), sealed because
 * it may hold the reader's email address, for a day at most. The session keeps its id.
 */
const DRAFT_LIFETIME_MS = 24 * 60 * 60 * 1000
const DRAFT_TYPE = 'commentDraft'

interface SealedDraft {
  values: CommentFormValues
  /** The page the form was on: the draft is offered back there only. */
  returnTo: string
  /** The reader's own comments when it was kept: one more since means it has been posted. */
  ownComments: string[]
}

function hasText(values: CommentFormValues): boolean {
  return [values.body, values.name, values.email, values.website].some((value) => value.trim() !== '')
}

/** Keeps the form's fields for the page at `returnTo`; an empty form clears any draft. */
export async function saveCommentDraft(session: ReaderSession, form: FormData, returnTo: string, now = Date.now()): Promise<void> {
  const values = formValues(form)
  if (!hasText(values)) {
    await clearCommentDraft(session)
    return
  }
  const id = session.get('commentDraft') ?? `comment-draft.${randomUUID()}`
  const draft: SealedDraft = {values, returnTo, ownComments: session.get('ownComments') ?? []}
  await getWriteClient().mutate(
    [
      {createOrReplace: {_id: id, _type: DRAFT_TYPE, sealed: seal(draft), expiresAt: new Date(now + DRAFT_LIFETIME_MS).toISOString()}},
      // Drafts of readers who never came back.
      {delete: {query: `*[_type == $type && expiresAt < $now]`, params: {type: DRAFT_TYPE, now: new Date(now).toISOString()}}},
    ],
    {visibility: 'async'},
  )
  session.set('commentDraft', id)
}

/** The reader's started comment for this page, if they left one here. */
export async function getCommentDraft(request: Request): Promise<CommentFormValues | null> {
  const session = await getSession(request)
  const id = session.get('commentDraft')
  if (!id) return null
  const document = await getWriteClient().getDocument<{sealed?: string; expiresAt?: string}>(id)
  if (!document?.sealed || !document.expiresAt || Date.parse(document.expiresAt) < Date.now()) return null
  const draft = unseal<SealedDraft>(document.sealed)
  if (!draft) return null
  const posted = (session.get('ownComments') ?? []).some((comment) => !draft.ownComments.includes(comment))
  if (posted) return null
  // Remix's data requests come without the trailing slash the page address has.
  const path = (value: string) => value.replace(/[?#].*$/, '').replace(/\/+$/, '')
  return path(draft.returnTo) === path(new URL(request.url).pathname) ? draft.values : null
}

/** Forgets the draft once the comment is posted (the caller commits the session). */
export async function clearCommentDraft(session: ReaderSession): Promise<void> {
  const id = session.get('commentDraft')
  if (!id) return
  session.unset('commentDraft')
  await getWriteClient().delete(id)
}
