import {type ActionFunctionArgs, data, type LinksFunction, type LoaderFunctionArgs, type MetaFunction} from '@remix-run/node'
import {Form, useActionData, useLoaderData, useNavigation} from '@remix-run/react'
import {httpStatusOf, moderationPage, type ModerationPage, performModeration} from '~/moderation/moderation-page.server'
import {LINK_PAGE_HEADERS} from '~/security/link-page-headers'
import styles from '~/styles/confirm-pages.css'

/** A one-click moderation link from a moderator's email: GET asks to confirm, POST acts. */

export const links: LinksFunction = () => [{rel: 'stylesheet', href: styles}]
export const headers = () => LINK_PAGE_HEADERS
export const meta: MetaFunction = () => [{title: 'Moderate a comment'}, {name: 'robots', content: 'noindex'}]

export async function loader({params}: LoaderFunctionArgs) {
  const page = await moderationPage(params.token ?? '')
  return data(page, {status: httpStatusOf(page)})
}

export async function action({request, params}: ActionFunctionArgs) {
  const page = await performModeration(request, params.token ?? '')
  return data(page, {status: httpStatusOf(page)})
}

const VERB = {approve: 'Approve', spam: 'Mark as spam', trash: 'Move to trash'} as const
const QUESTION = {
  approve: 'Approve this comment?',
  spam: 'Mark this comment as spam?',
  trash: 'Move this comment to the trash?',
} as const
const DONE = {
  approve: 'The comment is approved and now appears on the post.',
  spam: 'The comment is marked as spam. It is not shown, and the spam filter learns from it.',
  trash: 'The comment is in the trash. It is not shown.',
} as const
const USED = {
  approve: 'This approve link has been used already: each link in a moderation email works once, so nothing was changed.',
  spam: 'This spam link has been used already: each link in a moderation email works once, so nothing was changed.',
  trash: 'This trash link has been used already: each link in a moderation email works once, so nothing was changed.',
} as const
const ALREADY = {
  approve: 'This comment is already approved.',
  spam: 'This comment is already marked as spam.',
  trash: 'This comment is already in the trash.',
} as const

function Problem({page}: {page: ModerationPage}) {
  const message = {
    invalid: 'This moderation link is not valid. It may have been copied incompletely. Moderate the comment in the Studio instead.',
    expired: 'This moderation link has expired (they work for 7 days). Moderate the comment in the Studio instead.',
    missing: 'This comment no longer exists. It may have been deleted.',
    'cross-site': 'This request did not come from this site, so nothing was changed. Open the link from your email again.',
    failed: 'The comment could not be changed just now. Please try again in a moment.',
  }[page.state as 'invalid']
  return (
    <>
      <h1>{page.state === 'expired' ? 'This link has expired' : 'Nothing was changed'}</h1>
      <p className="notice error" role="alert">
        {message}
      </p>
    </>
  )
}

export default function Moderate() {
  const loaded = useLoaderData<ModerationPage>()
  const acted = useActionData<ModerationPage>()
  const busy = useNavigation().state === 'submitting'
  const page = acted ?? loaded
  if (!('comment' in page)) {
    return (
      <article className="confirm-page">
        <Problem page={page} />
      </article>
    )
  }
  const {comment, action: moderation} = page
  return (
    <article className="confirm-page">
      <h1>{page.state === 'confirm' ? QUESTION[moderation] : page.state === 'used' ? 'This link has been used' : 'Comment moderated'}</h1>
      {page.state === 'done' ? (
        <p className="notice" role="status">
          {DONE[moderation]}
        </p>
      ) : null}
      {page.state === 'already' ? <p className="notice">{ALREADY[moderation]}</p> : null}
      {page.state === 'used' ? (
        <p className="notice" role="status">
          {USED[moderation]} The comment’s status now is shown below; to change it, moderate it in the Studio.
        </p>
      ) : null}
      <dl>
        <dt>From</dt>
        <dd>{comment.authorName}</dd>
        <dt>On</dt>
        <dd>{comment.postTitle ?? 'a post that is no longer published'}</dd>
        {comment.submittedAt ? (
          <>
            <dt>Sent</dt>
            <dd>
              <time dateTime={comment.submittedAt}>{new Date(comment.submittedAt).toUTCString()}</time>
            </dd>
          </>
        ) : null}
        <dt>Status</dt>
        <dd>{comment.status}</dd>
        {comment.spamReason ? (
          <>
            <dt>Held because</dt>
            <dd>{comment.spamReason}</dd>
          </>
        ) : null}
      </dl>
      <blockquote className="comment-excerpt">{comment.body}</blockquote>
      {page.state === 'confirm' ? (
        <Form method="post">
          <button type="submit" className={moderation === 'approve' ? undefined : 'danger'} disabled={busy}>
            {VERB[moderation]}
          </button>
        </Form>
      ) : null}
      {comment.status === 'approved' ? (
        <p>
          <a href={comment.link}>See the comment on the post</a>
        </p>
      ) : null}
    </article>
  )
}
