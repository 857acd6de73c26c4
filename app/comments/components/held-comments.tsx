import {useActionData, useFetcher} from '@remix-run/react'
import {type HeldComment, type HeldCommentsData, type InlineDecision, MODERATE_INTENT, type ModerationFailure, SPAM_SHOWN} from '~/moderation/inline-moderation'
import {AuthorName, CommentText, dateFormat} from './comment-list'

const DECISION_LABELS: Record<InlineDecision, string> = {approved: 'Approve', spam: 'Spam', trash: 'Trash'}

/**
 * What only moderators see on the post page: the post's held comments, each with the reason
 * it was held and Approve / Spam / Trash. Comments judged spam are listed collapsed below.
 * Each button is a plain form POST (works without JavaScript); with it, a fetcher.
 */
export function HeldComments({held}: {held: HeldCommentsData}) {
  return (
    <section id="held-comments" className="held-comments" aria-labelledby="held-comments-title">
      <h3 id="held-comments-title">Held for moderation ({held.pending.length})</h3>
      <p className="held-comments-note">Only moderators see this list.</p>
      {held.pending.length > 0 ? (
        <ol className="comment-list">
          {held.pending.map((comment) => (
            <HeldItem key={comment.id} comment={comment} token={held.token} decisions={['approved', 'spam', 'trash']} />
          ))}
        </ol>
      ) : (
        <p>No comments on this post are waiting.</p>
      )}
      {held.spam.length > 0 ? (
        <details className="held-spam">
          <summary>Marked as spam ({held.spam.length})</summary>
          {held.spam.length >= SPAM_SHOWN ? <p className="held-comments-note">The newest {SPAM_SHOWN}; Studio › Comments › Spam has them all.</p> : null}
          <ol className="comment-list">
            {held.spam.map((comment) => (
              <HeldItem key={comment.id} comment={comment} token={held.token} decisions={['approved', 'trash']} />
            ))}
          </ol>
        </details>
      ) : null}
    </section>
  )
}

function HeldItem({comment, token, decisions}: {comment: HeldComment; token: string; decisions: InlineDecision[]}) {
  const fetcher = useFetcher<ModerationFailure>()
  const actionData = useActionData<ModerationFailure>()
  const failure = fetcher.data?.moderation ?? (actionData?.moderation?.commentId === comment.id ? actionData.moderation : undefined)
  const headingId = `held-${comment.id}-author`
  return (
    <li className="comment comment-held">
      <article id={`held-${comment.id}`} className="comment-body" aria-labelledby={headingId}>
        <header className="comment-meta">
          <p className="comment-author" id={headingId}>
            <AuthorName name={comment.authorName} {...(comment.authorWebsite ? {website: comment.authorWebsite} : {})} /> <span className="says">says:</span>
          </p>
          <p className="comment-date">
            <time dateTime={comment.submittedAt}>{dateFormat.format(new Date(comment.submittedAt))}</time>
          </p>
        </header>
        <p className="comment-held-marker">
          <strong>{comment.status === 'spam' ? 'Marked as spam' : 'Held for moderation'}</strong>
          {comment.reason ? <>: {comment.reason}</> : null}
          {comment.parentId ? <> (a reply)</> : null}
        </p>
        <div className="comment-content">
          <CommentText body={comment.body} />
        </div>
        <fetcher.Form method="post" className="moderation-actions">
          <input type="hidden" name="intent" value={MODERATE_INTENT} />
          <input type="hidden" name="commentId" value={comment.id} />
          <input type="hidden" name="formToken" value={token} />
          {decisions.map((decision) => (
            <button key={decision} type="submit" name="status" value={decision} disabled={fetcher.state !== 'idle'}>
              {DECISION_LABELS[decision]}
              <span className="visually-hidden"> the comment by {comment.authorName}</span>
            </button>
          ))}
        </fetcher.Form>
        {failure ? (
          <p className="field-error" role="alert">
            {failure.message}
          </p>
        ) : null}
      </article>
    </li>
  )
}
