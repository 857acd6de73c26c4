import type {WriterRefusal} from '../writer-access.server'

const TITLES: Record<WriterRefusal, string> = {
  'not-found': 'This comment is not here',
  'not-yours': 'Only its writer can change this comment',
  'too-late': 'The time for changes has passed',
  busy: 'Please wait a few minutes',
}

const EXPLANATIONS: Record<WriterRefusal, string> = {
  busy: 'These pages were asked for many times from your network just now. Your comment is unchanged; please try again in a few minutes.',
  'not-found': 'It may have been deleted, or the link may be mistyped.',
  'not-yours':
    'A comment can be edited or deleted only in the browser it was written in, or by signing in with the account that wrote it, for a short time after posting.',
  'too-late': 'A comment can be edited or deleted only for a short time after posting. To have it changed or removed now, please contact the blog.',
}

/** Why the edit or delete page can't change this comment for this reader: a 403 or 404 page in words. */
export function WriterRefused({refusal, post}: {refusal: WriterRefusal; post: {title: string; path: string} | null}) {
  return (
    <article className="confirm-page">
      <h1>{TITLES[refusal]}</h1>
      <p>{EXPLANATIONS[refusal]}</p>
      {post ? (
        <p>
          <a href={`${post.path}#comments`}>Back to “{post.title}”</a>
        </p>
      ) : (
        <p>
          <a href="/">Go to the latest posts</a>
        </p>
      )}
    </article>
  )
}
