import {safeLinkHref} from '~/lib/safe-link'
import type {ThreadNode} from '../thread'
import {ServerMarkup, useReaderNotices} from '~/notices/reader-notices'
import {ReportLink} from './report-link'
import {RemovedComment} from './removed-comment'
import {WriterControls} from './writer-controls'

export const dateFormat = new Intl.DateTimeFormat('en-US', {dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC'})

/** A comment's text as the reader wrote it: paragraphs and line breaks, never markup. */
export function CommentText({body}: {body: string}) {
  return (
    <>
      {body.split(/\n{2,}/).map((paragraph, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: the paragraphs of a text that never reorders
        <p key={index}>
          {paragraph.split('\n').map((line, lineIndex) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: the lines of a paragraph that never reorders
            <span key={lineIndex}>
              {lineIndex > 0 ? <br /> : null}
              {line}
            </span>
          ))}
        </p>
      ))}
    </>
  )
}

export function AuthorName({name, website}: {name: string; website?: string}) {
  // Stored websites may come from the API, not the form: anything but http(s) shows the name only.
  const href = safeLinkHref(website)
  // A commenter's site is theirs, not ours: no ranking credit, no access to this page.
  return href ? (
    <a className="comment-author-link" href={href} rel="external nofollow ugc noopener noreferrer">
      {name}
    </a>
  ) : (
    name
  )
}

/** The post's author as the byline names them. */
export interface PostAuthor {
  name: string
  credentials?: string
}

/**
 * The clinician's own reply: their byline name and credentials (e.g. "Dr. Jami Wilder,
 * Psy.D.") and a "Post author" badge in words, so it is clear without colour or styling.
 */
function PostAuthorName({author}: {author: PostAuthor}) {
  return (
    <>
      {author.credentials ? `${author.name}, ${author.credentials}` : author.name} <span className="comment-author-badge">Post author</span>
    </>
  )
}

export interface ReplyTarget {
  /** Where a Reply link leads without JavaScript: this page with ?replytocom=<id>#respond. */
  href(commentId: string): string
  /** With JavaScript: open the reply form under the comment instead. */
  open(commentId: string): void
  /** Renders the reply form under the comment being answered. */
  renderFormFor(commentId: string): React.ReactNode
}

export function CommentList({
  threads,
  maxDepth,
  open,
  reply,
  postAuthor,
}: {
  threads: ThreadNode[]
  maxDepth: number
  open: boolean
  reply: ReplyTarget
  postAuthor?: PostAuthor | undefined
}) {
  return (
    <ol className="comment-list">
      {threads.map((node) => (
        <CommentItem key={node.comment.id} node={node} maxDepth={maxDepth} open={open} reply={reply} postAuthor={postAuthor} />
      ))}
    </ol>
  )
}

function CommentItem({
  node,
  maxDepth,
  open,
  reply,
  postAuthor,
}: {
  node: ThreadNode
  maxDepth: number
  open: boolean
  reply: ReplyTarget
  postAuthor: PostAuthor | undefined
}) {
  const {comment} = node
  const headingId = `${comment.id}-author`
  const byAuthor = comment.byPostAuthor && postAuthor
  const notices = useReaderNotices()
  if (comment.removed) {
    return (
      <RemovedComment id={comment.id} depth={node.depth}>
        {node.replies.map((child) => (
          <CommentItem key={child.comment.id} node={child} maxDepth={maxDepth} open={open} reply={reply} postAuthor={postAuthor} />
        ))}
      </RemovedComment>
    )
  }
  return (
    <li className={`comment depth-${node.depth}${comment.awaitingModeration ? ' comment-held' : ''}${byAuthor ? ' bypostauthor' : ''}`}>
      <article id={comment.id} className="comment-body" aria-labelledby={headingId} tabIndex={-1}>
        <header className="comment-meta">
          <p className="comment-author" id={headingId}>
            {byAuthor ? (
              <PostAuthorName author={byAuthor} />
            ) : (
              <AuthorName name={comment.authorName} {...(comment.authorWebsite ? {website: comment.authorWebsite} : {})} />
            )}{' '}
            <span className="says">says:</span>
          </p>
          <p className="comment-date">
            <a href={`#${comment.id}`}>
              <time dateTime={comment.submittedAt}>{dateFormat.format(new Date(comment.submittedAt))}</time>
            </a>
          </p>
        </header>
        {comment.needsCare && notices ? (
          // In place of "awaiting moderation": where to get help now, announced (decision 0206).
          <ServerMarkup className="comment-care" role="alert" html={notices.care} />
        ) : comment.awaitingModeration ? (
          <p className="comment-awaiting-moderation" role="status">
            Your comment is awaiting moderation.
          </p>
        ) : null}
        <div className="comment-content">
          <CommentText body={comment.body} />
        </div>
        {open && !comment.awaitingModeration ? (
          <p className="comment-reply">
            <a
              className="comment-reply-link"
              href={reply.href(comment.id)}
              aria-label={`Reply to ${comment.authorName}`}
              onClick={(event) => {
                event.preventDefault()
                reply.open(comment.id)
              }}
            >
              Reply
            </a>
          </p>
        ) : null}
        {comment.awaitingModeration ? null : (
          <p className="comment-report">
            <ReportLink commentId={comment.id} authorName={comment.authorName} />
          </p>
        )}
        {comment.changeableUntil ? <WriterControls commentId={comment.id} /> : null}
      </article>
      {reply.renderFormFor(comment.id)}
      {node.replies.length > 0 ? (
        <ol className="children">
          {node.replies.map((child) => (
            <CommentItem key={child.comment.id} node={child} maxDepth={maxDepth} open={open} reply={reply} postAuthor={postAuthor} />
          ))}
        </ol>
      ) : null}
    </li>
  )
}
