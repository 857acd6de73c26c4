import {commentPagePath} from '../comment-pages'
/**
 * "Edit" and "Delete" on the reader's own comment while they may still change it: plain links
 * to server-rendered pages, so they work without JavaScript and add no script to the post page.
 */
export function WriterControls({commentId}: {commentId: string}) {
  return (
    <p className="comment-writer-controls">
      <a href={commentPagePath(commentId, 'edit')}>
        Edit<span className="visually-hidden"> your comment</span>
      </a>{' '}
      <a href={commentPagePath(commentId, 'delete')}>
        Delete<span className="visually-hidden"> your comment</span>
      </a>
    </p>
  )
}
