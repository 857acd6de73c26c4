import type {ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction} from '@remix-run/node'
import {useActionData, useLoaderData} from '@remix-run/react'
import {CommentText} from '~/comments/components/comment-list'
import {WriterRefused} from '~/comments/components/writer-refused'
import {handleWriterDelete, loadWriterPage, type WriterEditFailure, type WriterPage} from '~/comments/writer-changes.server'
import styles from '~/styles/confirm-pages.css'

/** `/comment/<id>/delete/`: a comment's writer confirms deleting it, for a while after posting (decision 0232). */

export const links: LinksFunction = () => [{rel: 'stylesheet', href: styles}]
export const meta: MetaFunction = () => [{title: 'Delete your comment?'}, {name: 'robots', content: 'noindex'}]

export function loader({request, params, context}: LoaderFunctionArgs) {
  return loadWriterPage(request, params.id, context.clientAddress)
}

export function action({request, params, context}: ActionFunctionArgs) {
  return handleWriterDelete(request, params.id, context.clientAddress)
}

export default function DeleteComment() {
  const page = useLoaderData<WriterPage>()
  const failure = useActionData<WriterEditFailure>()?.failure
  if (page.state === 'refused') return <WriterRefused refusal={page.refusal} post={page.post} />
  return (
    <article className="confirm-page">
      <h1>Delete your comment?</h1>
      {failure ? (
        <p className="notice" role="alert">
          {failure.message}
        </p>
      ) : null}
      <p>It is removed from {page.post ? `“${page.post.title}”` : 'the post'} for everyone at once. Replies to it stay, under a note that it was removed.</p>
      <blockquote className="comment-excerpt">
        <CommentText body={page.comment.body} />
      </blockquote>
      <form method="post">
        <input type="hidden" name="formToken" value={page.token} />
        <button type="submit">Delete comment</button>
      </form>
      {page.post ? (
        <p>
          <a href={`${page.post.path}#${page.comment.id}`}>Keep it and go back</a>
        </p>
      ) : null}
    </article>
  )
}
