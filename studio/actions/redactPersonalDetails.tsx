import {EyeClosedIcon} from '@sanity/icons/EyeClosed'
import {useState} from 'react'
import {type DocumentActionComponent, useClient, useDocumentOperation} from 'sanity'
import {findHealthDetails, HEALTH_DETAIL_NAMES} from '../../contract/safety/health-details'
import {redactPersonalDetails} from '../../contract/safety/redact'
import {type CareComment, isRedactable} from './commentCare'

// The practice's clinicians are the blog's authors, as the site's check reads them.
const CLINICIANS_QUERY = '*[_type == "author" && defined(name)].name'

/** What the moderator is told once the text has been gone through. */
export function redactionReport(before: string, after: string, clinicians: string[]): string {
  const left = findHealthDetails(after, clinicians).map((kind) => HEALTH_DETAIL_NAMES[kind])
  const changed = before !== after
  const done = changed
    ? 'Contact details, dates of birth and names were replaced with “[removed]” in the Comment field. Read it through, then Approve to publish it.'
    : 'There were no contact details, dates of birth or names to remove.'
  return left.length > 0 ? `${done} Still in the text: ${left.join(', ')}. Edit the Comment field by hand if it says more than it should.` : done
}

/**
 * "Redact personal details" on a pending comment: what the site's detector finds is replaced
 * with "[removed]" in the comment's draft, for the moderator to read before approving (Approve
 * publishes the draft). The text stays editable by hand.
 */
export const redactPersonalDetailsAction: DocumentActionComponent = (props) => {
  const client = useClient({apiVersion: '2025-02-19'})
  const {patch} = useDocumentOperation(props.id, props.type)
  const [report, setReport] = useState<string | null>(null)
  const [working, setWorking] = useState(false)
  const comment = (props.draft ?? props.published) as CareComment | null
  if (!comment || !isRedactable(comment)) return null
  const body = comment.body as string
  return {
    label: 'Redact personal details',
    icon: EyeClosedIcon,
    disabled: Boolean(patch.disabled) || working,
    onHandle: () => {
      setWorking(true)
      client
        .fetch<string[]>(CLINICIANS_QUERY, {}, {perspective: 'published'})
        .then((clinicians) => {
          const redacted = redactPersonalDetails(body, clinicians)
          if (redacted !== body) patch.execute([{set: {body: redacted}}])
          setReport(redactionReport(body, redacted, clinicians))
        })
        .catch((error: unknown) => setReport(`Could not read the practice’s clinicians, so nothing was changed: ${String(error)}`))
        .finally(() => setWorking(false))
    },
    dialog: report !== null && {
      type: 'dialog',
      header: 'Redact personal details',
      onClose: () => {
        setReport(null)
        props.onComplete()
      },
      content: <p role="status">{report}</p>,
    },
  }
}
redactPersonalDetailsAction.displayName = 'RedactPersonalDetailsAction'
