/**
 * Where a comment that has replies was before its writer deleted it (or a moderator removed
 * or held it): said in words, so its replies still read as answers, with nothing of it left.
 */
export function RemovedComment({id, depth, children}: {id: string; depth: number; children: React.ReactNode}) {
  return (
    <li className={`comment depth-${depth} comment-removed`}>
      <article id={id} className="comment-body" aria-label="Removed comment" tabIndex={-1}>
        <p>This comment has been removed.</p>
      </article>
      <ol className="children">{children}</ol>
    </li>
  )
}
