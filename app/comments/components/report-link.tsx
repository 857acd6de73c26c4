import {commentPagePath} from '../comment-pages'
/**
 * "Report" under a published comment: a plain link to the comment's report page, which works
 * without JavaScript and adds none to the post page (decision 0237).
 */
export function ReportLink({commentId, authorName}: {commentId: string; authorName: string}) {
  return (
    <a className="comment-report-link" href={commentPagePath(commentId, 'report')} rel="nofollow" aria-label={`Report the comment by ${authorName}`}>
      Report
    </a>
  )
}
