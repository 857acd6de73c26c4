import {ResetIcon} from '@sanity/icons/Reset'
import {useState} from 'react'
import {type DocumentActionComponent, useClient} from 'sanity'

/** Readers' reports on a comment, as the record keeps them (decision 0237). */
export function reportCountOf(comment: Record<string, unknown> | null | undefined): number {
  return typeof comment?.reportCount === 'number' && comment.reportCount > 0 ? comment.reportCount : 0
}

/** The patch that forgets a comment's reports: it then takes as many new ones to be held again. */
export const CLEAR_REPORTS_FIELDS = ['reports', 'reportCount']

/**
 * "Clear reports" on a reported comment: the moderator has read it and judged the reports;
 * readers' earlier reports no longer count towards holding it again.
 */
export const clearReportsAction: DocumentActionComponent = (props) => {
  const client = useClient({apiVersion: '2025-02-19'})
  const [busy, setBusy] = useState(false)
  const record = props.published
  const count = reportCountOf(record)
  if (!record || count === 0) return null
  return {
    label: `Clear ${count} report${count === 1 ? '' : 's'}`,
    icon: ResetIcon,
    disabled: busy,
    onHandle: () => {
      setBusy(true)
      client
        .patch(record._id)
        .unset(CLEAR_REPORTS_FIELDS)
        .commit({visibility: 'sync'})
        .catch((error: unknown) => console.error('Clearing the reports failed; press it again', error))
        .finally(() => {
          setBusy(false)
          props.onComplete()
        })
    },
  }
}
clearReportsAction.displayName = 'ClearReportsAction'
