import type {CommentFormFailure} from './comment-form'

/**
 * Shown on the post page's error page when the page itself can't be rendered (the blog's
 * storage is down) right after a reader posted: their comment, in full, with a button that
 * sends it again exactly as it was, so nothing they wrote is lost.
 */
export function UnsavedComment({failure}: {failure: CommentFormFailure}) {
  const {values} = failure
  const hidden: [string, string][] = [
    ['formToken', failure.token],
    ['name', values.name],
    ['email', values.email],
    ['website', values.website],
    ['parentId', values.parentId],
    ...(['notifyReplies', 'notifyPosts', 'saveDetails'] as const).filter((box) => values[box]).map((box): [string, string] => [box, 'on']),
  ]
  return (
    <section className="unsaved-comment" aria-labelledby="unsaved-comment-title">
      <h2 id="unsaved-comment-title">Your comment has not been posted yet</h2>
      <p role="alert">{failure.message}</p>
      <form method="post" className="comment-form">
        {hidden.map(([name, value]) => (
          <input key={name} type="hidden" name={name} value={value} />
        ))}
        <p>
          <label htmlFor="unsaved-comment-body">Your comment (you can copy it, or send it again)</label>
          <textarea id="unsaved-comment-body" name="body" rows={8} defaultValue={values.body} />
        </p>
        <p className="form-submit">
          <button type="submit" className="submit">
            Try posting it again
          </button>
        </p>
      </form>
    </section>
  )
}
