import {data, redirect} from '@remix-run/node'
import {randomUUID} from 'node:crypto'
import {type CommentStatus, NEEDS_CARE} from '../../contract/comments'
import type {ReaderIdentity} from '../../contract/identity'
import {getEnv} from '~/env.server'
import {notifyModeratorsOfCareHold, notifyModeratorsOfHeldComment} from '~/notifications/comment-notifications.server'
import {getWriteClient, isLakeUnavailable} from '~/sanity/client.server'
import {isRevisionConflict, readCommentForWriter, releaseMarker, saveWriterDelete, saveWriterEdit, type WriterRecord} from '~/sanity/comments.server'
import {formTokenIsForSession, issueFormToken} from '~/security/form-token.server'
import {networkPrefix} from '~/security/network-address.server'
import {RateLimiter, takeIfAllowed} from '~/security/rate-limiter.server'
import {isSameOrigin, originHeaders} from '~/security/same-origin.server'
import {commitSession, getSession, type ReaderSession} from '~/session/session.server'
import {rememberOwnComment} from './comment-action.server'
import {MAX_COMMENT_REQUEST_BYTES} from './comment-config.server'
import {loadCommentContext} from './comment-context.server'
import {type PostForComments, runCommentPipeline} from './comment-pipeline.server'
import {commentStages, requestFacts} from './comment-stages.server'
import {reasonAfterEdit, statusAfterEdit} from './edit-verdict.server'
import {commentIdFromPage} from './comment-pages'
import type {CommentFormValues} from './form-fields'
import {changeableUntil, type WriterRefusal, writerRefusal} from './writer-access.server'

/**
 * A comment's writer editing or deleting it on its own pages (/comment/<id>/edit/ and
 * /comment/<id>/delete/), with or without JavaScript (decision 0232). Who may, and until when,
 * is decided on the server each time (writer-access.server.ts); an edit goes through the
 * pipeline again; the text being edited is given back on every failure.
 */

/** What the edit and delete pages show: the comment, or why the reader can't change it. */
export type WriterPage =
  | {
      state: 'open'
      comment: {id: string; body: string; status: CommentStatus}
      post: {title: string; path: string} | null
      /** ISO time the reader can change it until. */
      until: string
      token: string
    }
  | {state: 'refused'; refusal: WriterRefusal; post: {title: string; path: string} | null}

/** What an edit that was not saved answers: why, and the text exactly as typed. */
export interface WriterEditFailure {
  failure: {message: string; body: string}
}

const REFUSAL_STATUS: Record<WriterRefusal, 403 | 404 | 429> = {'not-found': 404, 'not-yours': 403, 'too-late': 403, busy: 429}
const NO_STORE = {'Cache-Control': 'private, no-store'}

function editMinutes(): number {
  return getEnv().COMMENT_EDIT_MINUTES
}

interface Access {
  session: ReaderSession
  record: WriterRecord | null
  refusal: WriterRefusal | null
  post: PostForComments | null
}

// A writer opens and saves these pages a few times; a network asking hundreds of times is probing ids.
const writerPagesPerNetwork = new RateLimiter('writer-pages-by-network', 60, 10 * 60_000)

async function access(request: Request, name: string | undefined, now: Date, clientAddress: string): Promise<Access> {
  const session = await getSession(request)
  if (takeIfAllowed([[writerPagesPerNetwork, networkPrefix(clientAddress)]], now.getTime()) > 0) return {session, record: null, refusal: 'busy', post: null}
  const id = commentIdFromPage(name)
  const record = id ? await readCommentForWriter(getWriteClient(), id) : null
  const reader = {ownComments: session.get('ownComments') ?? [], identity: session.get('identity')}
  const refusal = writerRefusal(record, reader, now, editMinutes())
  // A stranger learns nothing about the comment, not even its post.
  const post =
    record && refusal !== 'not-yours' && refusal !== 'not-found'
      ? (await loadCommentContext(getWriteClient(), {id: record.postId}, getEnv().SITE_URL)).post
      : null
  return {session, record, refusal, post}
}

const shownPost = (post: PostForComments | null) => (post ? {title: post.title, path: post.path} : null)

/** The loader of both pages: the comment for its writer, or a 403/404 page saying why not. */
export async function loadWriterPage(request: Request, name: string | undefined, clientAddress: string) {
  const {session, record, refusal, post} = await access(request, name, new Date(), clientAddress)
  if (refusal || !record) {
    return data<WriterPage>(
      {state: 'refused', refusal: refusal ?? 'not-found', post: shownPost(post)},
      {status: REFUSAL_STATUS[refusal ?? 'not-found'], headers: NO_STORE},
    )
  }
  // A writer known by their account may come from a session that never posted a form.
  const fresh = !session.get('csrf')
  if (fresh) session.set('csrf', randomUUID())
  const page: WriterPage = {
    state: 'open',
    comment: {id: record.commentId, body: record.body, status: record.status},
    post: shownPost(post),
    until: changeableUntil(record.submittedAt, editMinutes()).toISOString(),
    token: issueFormToken(session.get('csrf')),
  }
  return data(page, {headers: {...NO_STORE, ...(fresh ? {'Set-Cookie': await commitSession(session)} : {})}})
}

/**
 * Writes the change, guarded by the record's revision. When only bookkeeping changed in
 * between (an email's sent-marker, set just after posting), the writer's judgement still
 * stands: it is written on the fresh record. A change of status or text is a real conflict.
 */
async function writeGuarded(record: WriterRecord, write: (current: WriterRecord) => Promise<void>): Promise<void> {
  let current = record
  for (let tries = 1; ; tries++) {
    try {
      return await write(current)
    } catch (error) {
      if (!isRevisionConflict(error) || tries >= 5) throw error
      const fresh = await readCommentForWriter(getWriteClient(), record.commentId)
      if (!fresh || fresh.status !== record.status || fresh.body !== record.body) throw error
      current = fresh
    }
  }
}

function editFailure(status: number, message: string, body: string) {
  return data<WriterEditFailure>({failure: {message, body}}, {status, headers: NO_STORE})
}

const REFUSED_EDIT: Record<WriterRefusal, string> = {
  'not-found': 'This comment is no longer here, so your changes were not saved. Your text is below, so you can copy it.',
  'not-yours': 'Only the person who wrote this comment, in the browser they wrote it in or signed in as they were, can change it. Your text is below.',
  busy: 'Changes were tried many times from your network just now, so yours were not saved. Your text is below: please try again in a few minutes.',
  'too-late': 'The time for changing this comment has passed, so your changes were not saved. Your text is below, so you can copy it.',
}

/** The writer's identity as the pipeline judges an edit: their session's, or as the record stored it. */
function editIdentity(record: WriterRecord, session: ReaderSession): ReaderIdentity | undefined {
  if (record.provider === 'guest' || !record.providerAccountId) return undefined
  const identity = session.get('identity')
  if (identity && identity.provider === record.provider && identity.accountId === record.providerAccountId) return identity
  return {
    provider: record.provider as ReaderIdentity['provider'],
    accountId: record.providerAccountId,
    name: record.authorName,
    ...(record.email ? {email: record.email} : {}),
  }
}

function storedValues(record: WriterRecord, body: string): CommentFormValues {
  return {
    name: record.authorName,
    email: record.email ?? '',
    website: record.authorWebsite ?? '',
    body,
    parentId: record.parentId ?? '',
    notifyReplies: record.notifyReplies === true,
    notifyPosts: record.notifyPosts === true,
    saveDetails: false,
  }
}

/** The edit page's form: on success a redirect to the comment; otherwise why, with the text as typed. */
export async function handleWriterEdit(request: Request, name: string | undefined, clientAddress: string) {
  if (Number(request.headers.get('Content-Length') ?? 0) > MAX_COMMENT_REQUEST_BYTES) {
    return editFailure(413, 'This comment is far too long to save.', '')
  }
  const form = await request.formData()
  const body = typeof form.get('body') === 'string' ? (form.get('body') as string) : ''
  const now = new Date()
  try {
    const {session, record, refusal, post} = await access(request, name, now, clientAddress)
    if (refusal || !record) return editFailure(REFUSAL_STATUS[refusal ?? 'not-found'], REFUSED_EDIT[refusal ?? 'not-found'], body)
    if (!isSameOrigin(originHeaders(request), new URL(getEnv().SITE_URL).origin) || !formTokenIsForSession(form, session.get('csrf'), now.getTime())) {
      return editFailure(403, 'This form could not be verified, so your changes were not saved. Your text is below: please press “Save changes” again.', body)
    }
    if (!post) return editFailure(409, 'This post is no longer published, so its comments cannot be changed. Your text is below.', body)
    const {settings} = await loadCommentContext(getWriteClient(), {id: post._id}, getEnv().SITE_URL)
    const identity = editIdentity(record, session)
    const result = await runCommentPipeline(
      {form, values: storedValues(record, body), request: requestFacts(request, clientAddress), post, settings, now, ...(identity ? {identity} : {})},
      commentStages().edit,
    )
    if (result.type === 'rejected') {
      const {rejection} = result
      return editFailure(rejection.status, rejection.fieldErrors?.body ?? rejection.message, body)
    }
    const headers: HeadersInit = {}
    if (result.submission.body !== record.body) {
      const status = statusAfterEdit(record.status, result.status, result.needsCare)
      const edit = {
        body: result.submission.body,
        status,
        spamVerdict: result.spamVerdict,
        spamReason: reasonAfterEdit(record.spamReason, status === 'approved' ? [] : result.reasons),
        akismetParams: result.akismetParams,
        at: now,
      }
      await writeGuarded(record, (current) => saveWriterEdit(getWriteClient(), current, edit))
      if (status === 'pending') {
        rememberOwnComment(session, record.commentId, result.needsCare || (session.get('careComments') ?? []).includes(record.commentId))
        headers['Set-Cookie'] = await commitSession(session)
        // Moderators hear of a held comment once; but crisis words new in this edit are urgent, whatever was sent before.
        const newlyNeedsCare = result.needsCare && !record.spamReason?.startsWith(NEEDS_CARE)
        const notify = newlyNeedsCare
          ? () => releaseMarker(getWriteClient(), record.commentId, 'moderatorsNotifiedAt').then(() => notifyModeratorsOfCareHold(record.commentId))
          : () => notifyModeratorsOfHeldComment(record.commentId)
        notify().catch((error: unknown) => console.error(`Could not tell moderators about ${record.commentId}:`, error))
      }
    }
    return redirect(`${post.path}#${record.commentId}`, {status: 303, headers})
  } catch (error) {
    if (isRevisionConflict(error)) {
      return editFailure(409, 'This comment changed while you were editing it (a moderator may have acted on it). Your text is below: please save again.', body)
    }
    if (isLakeUnavailable(error)) {
      return editFailure(
        503,
        'Your changes could not be saved just now because the blog’s storage is not answering. Your text is below: please try again in a minute.',
        body,
      )
    }
    console.error('A comment edit failed:', error)
    return editFailure(500, 'Your changes could not be saved because of a fault on our side. Your text is below, so you can copy it and try again later.', body)
  }
}

const REFUSED_DELETE: Record<WriterRefusal, string> = {
  'not-found': 'This comment is no longer here.',
  'not-yours': 'Only the person who wrote this comment can delete it.',
  'too-late': 'The time for deleting this comment has passed.',
  busy: 'Deleting was tried many times from your network just now. Please try again in a few minutes.',
}

/** The delete page's confirmation: the comment to trash, gone from the post at once. */
export async function handleWriterDelete(request: Request, name: string | undefined, clientAddress: string) {
  const form = await request.formData()
  const now = new Date()
  const {session, record, refusal, post} = await access(request, name, now, clientAddress)
  if (refusal || !record) return editFailure(REFUSAL_STATUS[refusal ?? 'not-found'], REFUSED_DELETE[refusal ?? 'not-found'], '')
  if (!isSameOrigin(originHeaders(request), new URL(getEnv().SITE_URL).origin) || !formTokenIsForSession(form, session.get('csrf'), now.getTime())) {
    return editFailure(403, 'This form could not be verified, so the comment was not deleted. Please press “Delete comment” again.', '')
  }
  try {
    await writeGuarded(record, (current) => saveWriterDelete(getWriteClient(), current, now))
  } catch (error) {
    if (!isRevisionConflict(error)) throw error
    return editFailure(409, 'This comment changed just now (a moderator may have acted on it), so it was not deleted. Please try again.', '')
  }
  return redirect(post ? `${post.path}#comments` : '/', {status: 303})
}
