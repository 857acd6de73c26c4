import type {ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction} from '@remix-run/node'
import {useActionData, useLoaderData, useRouteError} from '@remix-run/react'
import {WriterRefused} from '~/comments/components/writer-refused'
import {commentPagePath} from '~/comments/comment-pages'
import {COMMENT_LIMITS} from '~/comments/form-fields'
import {handleWriterEdit, loadWriterPage, type WriterEditFailure, type WriterPage} from '~/comments/writer-changes.server'
import {ErrorPage} from '~/components/error-page'
import styles from '~/styles/confirm-pages.css'

/** `/comment/<id>/edit/`: a comment's writer changes its text for a while after posting (decision 0232). */

export const links: LinksFunction = () => [{rel: 'stylesheet', href: styles}]
export const meta: MetaFunction = () => [{title: 'Edit your comment'}, {name: 'robots', content: 'noindex'}]

export function loader({request, params, context}: LoaderFunctionArgs) {
  return loadWriterPage(request, params.id, context.clientAddress)
}

export function action({request, params, context}: ActionFunctionArgs) {
  return handleWriterEdit(request, params.id, context.clientAddress)
}

const timeFormat = new Intl.DateTimeFormat('en-US', {timeStyle: 'short', timeZone: 'UTC'})

export default function EditComment() {
  const page = useLoaderData<WriterPage>()
  const failure = useActionData<WriterEditFailure>()?.failure
  if (page.state === 'refused') {
    return failure ? <UnsavedEdit failure={failure} /> : <WriterRefused refusal={page.refusal} post={page.post} />
  }
  return (
    <article className="confirm-page">
      <h1>Edit your comment</h1>
      {page.post ? <p>On “{page.post.title}”.</p> : null}
      <p>
        You can change it until <time dateTime={page.until}>{timeFormat.format(new Date(page.until))} UTC</time>. It is checked again as a new comment is, so it
        may wait for a moderator before it shows.
      </p>
      {failure ? (
        <p className="notice" role="alert">
          {failure.message}
        </p>
      ) : null}
      <form method="post">
        <input type="hidden" name="formToken" value={page.token} />
        <label htmlFor="edit-comment-body">Comment</label>
        <textarea
          id="edit-comment-body"
          name="body"
          rows={8}
          cols={45}
          maxLength={COMMENT_LIMITS.body}
          required
          defaultValue={failure?.body || page.comment.body}
        />
        <p>
          <button type="submit">Save changes</button>
        </p>
      </form>
      <p>
        {page.post ? <a href={`${page.post.path}#${page.comment.id}`}>Cancel</a> : null}{' '}
        <a href={commentPagePath(page.comment.id, 'delete')}>Delete it instead</a>
      </p>
    </article>
  )
}

/** The text of an edit that could not be saved, whatever went wrong: never lost. */
function UnsavedEdit({failure}: {failure: WriterEditFailure['failure']}) {
  return (
    <article className="confirm-page">
      <h1>Your changes were not saved</h1>
      <p className="notice" role="alert">
        {failure.message}
      </p>
      {failure.body ? (
        <>
          <label htmlFor="unsaved-edit-body">Your text</label>
          <textarea id="unsaved-edit-body" rows={8} cols={45} readOnly defaultValue={failure.body} />
        </>
      ) : null}
    </article>
  )
}

/** The page itself failed (the blog's storage is down): the text being saved is still given back. */
export function ErrorBoundary() {
  const error = useRouteError()
  const failure = useActionData<WriterEditFailure>()?.failure
  return failure ? <UnsavedEdit failure={failure} /> : <ErrorPage error={error} />
}
