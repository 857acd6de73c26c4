import {type ActionFunctionArgs, data, type LinksFunction, type LoaderFunctionArgs, type MetaFunction} from '@remix-run/node'
import {Form, useActionData, useLoaderData} from '@remix-run/react'
import {REPORT_REASON_TITLES, REPORT_REASONS} from '../../contract/comment-reports'
import {CommentText} from '~/comments/components/comment-list'
import {commentIdFromPage} from '~/comments/comment-pages'
import {httpStatusOfReport, performReport, REPORT_REASON_FIELD, REPORT_TOKEN_FIELD, type ReportPage, reportPage} from '~/comments/report-comment.server'
import {ServerMarkup, useReaderNotices} from '~/notices/reader-notices'
import {LINK_PAGE_HEADERS} from '~/security/link-page-headers'
import styles from '~/styles/confirm-pages.css'

/** `/comment/<id>/report/`: a reader tells the moderators what is wrong with a published comment (decision 0237). */

export const links: LinksFunction = () => [{rel: 'stylesheet', href: styles}]
// Never cached (each form carries its own token), never indexed, never handed on in a Referer.
export const headers = () => LINK_PAGE_HEADERS
export const meta: MetaFunction = () => [{title: 'Report a comment'}, {name: 'robots', content: 'noindex'}]

export async function loader({params}: LoaderFunctionArgs) {
  const page = await reportPage(commentIdFromPage(params.id))
  return data(page, {status: httpStatusOfReport(page)})
}

export async function action({request, params, context}: ActionFunctionArgs) {
  const clientAddress = typeof context.clientAddress === 'string' ? context.clientAddress : ''
  const page = await performReport(request, commentIdFromPage(params.id), clientAddress)
  return data(page, {status: httpStatusOfReport(page), headers: LINK_PAGE_HEADERS})
}

const ERROR_ID = 'report-error'

function ReportForm({page}: {page: Extract<ReportPage, {state: 'form' | 'unavailable'}>}) {
  const error =
    page.state === 'unavailable' ? 'Your report could not be sent just now. Nothing was lost: please press “Send report” again in a minute.' : page.error
  return (
    <>
      <h1>Report a comment</h1>
      <p>
        Tell us what is wrong with this comment by {page.comment.authorName}. A person at the practice reads every report. You don’t need an account, and we
        don’t ask who you are.
      </p>
      <blockquote className="comment-excerpt">
        <CommentText body={page.comment.body} />
      </blockquote>
      {error ? (
        <p className="notice error" role="alert" id={ERROR_ID}>
          {error}
        </p>
      ) : null}
      <Form method="post">
        <input type="hidden" name={REPORT_TOKEN_FIELD} value={page.token} />
        <fieldset {...(error ? {'aria-describedby': ERROR_ID} : {})}>
          <legend>What is wrong with it?</legend>
          {REPORT_REASONS.map((reason) => (
            <label key={reason} className="checkbox-label">
              <input type="radio" name={REPORT_REASON_FIELD} value={reason} required /> {REPORT_REASON_TITLES[reason]}
            </label>
          ))}
        </fieldset>
        <button type="submit">Send report</button>
      </Form>
      <p>
        <a href={page.comment.href}>Back to the comment</a>
      </p>
    </>
  )
}

export default function ReportComment() {
  const loaded = useLoaderData<ReportPage>()
  const page = useActionData<ReportPage>() ?? loaded
  const notices = useReaderNotices()
  return (
    <article className="confirm-page">
      {page.state === 'form' || page.state === 'unavailable' ? <ReportForm page={page} /> : null}
      {page.state === 'done' ? (
        <>
          <h1>Thank you for telling us</h1>
          <p className="notice" role="status">
            A person at the practice will look at this comment. You don’t need to do anything more.
          </p>
          {page.reason === 'unsafe' && notices ? <ServerMarkup className="crisis-notice" html={notices.crisis} /> : null}
          <p>
            <a href={page.href}>Back to the post</a>
          </p>
        </>
      ) : null}
      {page.state === 'not-found' ? (
        <>
          <h1>This comment is not published</h1>
          <p>It may have been removed or held for a moderator already. Nothing more is needed from you.</p>
        </>
      ) : null}
      {page.state === 'too-many' ? (
        <>
          <h1>Your report was not sent yet</h1>
          <p className="notice error" role="alert">
            Many reports came from your network in a short time. Please try again in {page.retryAfterMinutes} minute{page.retryAfterMinutes === 1 ? '' : 's'}.
          </p>
        </>
      ) : null}
      {page.state === 'cross-site' ? (
        <>
          <h1>Your report was not sent</h1>
          <p className="notice error" role="alert">
            This report came from another website. To report a comment, use the Report link under it on this blog.
          </p>
        </>
      ) : null}
    </article>
  )
}
