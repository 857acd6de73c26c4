import {HeartIcon} from '@sanity/icons/Heart'
import {useEffect, useState} from 'react'
import {type DocumentActionComponent, useClient} from 'sanity'
import {type CareReply, DEFAULT_CARE_REPLIES, fillCareReply} from '../../contract/care-replies'
import {SITE_SETTINGS_ID} from '../../contract/documents'
import {type CareComment, commenterEmail, heldForPersonalDetails, needsCare, privateEmailLink} from './commentCare'

interface CareSettings {
  careReplies?: CareReply[] | null
  practiceName?: string | null
  practicePhone?: string | null
}

const SETTINGS_QUERY = `*[_id == $id][0]{"careReplies": careReplies[defined(text)]{title, text}, practiceName, practicePhone}`

/** One reply, filled in for this commenter, with Copy and (when there is an address) Email privately. */
function CareReplyItem({reply, text, email}: {reply: CareReply; text: string; email: string | null}) {
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null)
  return (
    <li style={{marginBottom: '1.5rem'}}>
      <h3 style={{fontSize: '1rem', margin: '0 0 0.5rem'}}>{reply.title}</h3>
      <p style={{whiteSpace: 'pre-wrap', margin: '0 0 0.5rem'}}>{text}</p>
      <button
        type="button"
        onClick={() =>
          navigator.clipboard.writeText(text).then(
            () => setCopied('yes'),
            () => setCopied('failed'),
          )
        }
      >
        Copy
      </button>{' '}
      {email ? <a href={privateEmailLink(email, text)}>Email privately</a> : null}{' '}
      <span role="status">{copied === 'yes' ? 'Copied.' : copied === 'failed' ? 'Could not copy: select the text instead.' : ''}</span>
    </li>
  )
}

/** The replies from Site settings (or the contract's defaults), filled in for this comment. */
export function CareReplies({comment, settings}: {comment: CareComment; settings: CareSettings | null}) {
  const replies = settings?.careReplies?.length ? settings.careReplies : DEFAULT_CARE_REPLIES
  const email = commenterEmail(comment)
  const values = {name: typeof comment.authorName === 'string' ? comment.authorName : null, ...settings}
  return (
    <div>
      <p style={{marginTop: 0}}>
        Start from one of these and make it your own. Answer in public only with what anyone may read; anything about this person’s situation belongs in a
        private message.
      </p>
      {email ? null : <p>This comment has no email address, so it can only be answered in public.</p>}
      <ul style={{listStyle: 'none', padding: 0}}>
        {replies.map((reply) => (
          <CareReplyItem key={reply.title} reply={reply} text={fillCareReply(reply.text, values)} email={email} />
        ))}
      </ul>
    </div>
  )
}

function CareRepliesDialog({comment}: {comment: CareComment}) {
  const client = useClient({apiVersion: '2025-02-19'})
  const [settings, setSettings] = useState<CareSettings | null>(null)
  useEffect(() => {
    const request = client.observable.fetch<CareSettings | null>(SETTINGS_QUERY, {id: SITE_SETTINGS_ID}).subscribe({
      next: setSettings,
      // Without Site settings the built-in replies still help.
      error: (error: unknown) => console.error('Could not read the care replies from Site settings', error),
    })
    return () => request.unsubscribe()
  }, [client])
  return <CareReplies comment={comment} settings={settings} />
}

/** "Care replies" on a comment held as needing care (or for personal details): safe-messaging replies to start from. */
export const careRepliesAction: DocumentActionComponent = (props) => {
  const [open, setOpen] = useState(false)
  const comment = (props.draft ?? props.published) as CareComment | null
  if (!comment || !(needsCare(comment) || heldForPersonalDetails(comment))) return null
  return {
    label: 'Care replies',
    icon: HeartIcon,
    onHandle: () => setOpen(true),
    dialog: open && {
      type: 'dialog',
      header: 'Care replies',
      onClose: () => {
        setOpen(false)
        props.onComplete()
      },
      content: <CareRepliesDialog comment={comment} />,
    },
  }
}
careRepliesAction.displayName = 'CareRepliesAction'
