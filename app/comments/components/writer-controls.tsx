/**
 * "Edit" and "Delete" on the reader's own comment while they may still change it: plain links
 * to server-rendered pages, so they work without JavaScript and add no script to the post page.
 */
export function WriterControls({commentId}: {commentId: string}) {
  const name = commentId.replace(/^comment-/, '')
  return (
    <p className="comment-writer-controls">
      <a href={`/comment/${name}/edit/`}>
        Edit<span className="visually-hidden"> your comment</span>
      </a>{' '}
      <a href={`/comment/${name}/delete/`}>
        Delete<span className="visually-hidden"> your comment</span>
      </a>
    </p>
  )
}
