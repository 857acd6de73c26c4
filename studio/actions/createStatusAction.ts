import {useState} from 'react'
import {type DocumentActionComponent, useClient, useCurrentUser} from 'sanity'
import {statusChangeMutations} from '../../contract/comment-record'
import {editsFromDraft, isShownFor, type StatusActionSpec} from './commentModeration'

/**
 * A document action that moves a comment to `spec.status`, as the site does (decision 0200):
 * one transaction sets the record's status, makes or removes its public copy and logs who
 * decided, in the moderator's name. Edits the moderator made in a draft (a redaction before
 * approving, say) are published with it, and the draft goes: what is approved is what they
 * saw. The write holds only if the comment is unchanged since Studio read it; if the site
 * changed it in between, nothing is written and the moderator presses again.
 */
export function createStatusAction(spec: StatusActionSpec): DocumentActionComponent {
  const action: DocumentActionComponent = (props) => {
    // Hooks run on every render, before deciding whether the action is shown at all.
    const client = useClient({apiVersion: '2025-02-19'})
    const user = useCurrentUser()
    const [busy, setBusy] = useState(false)
    if (!isShownFor(spec, props.draft ?? props.published)) return null
    const record = props.published
    return {
      label: spec.label,
      icon: spec.icon,
      tone: spec.tone,
      disabled: busy || !record || !user,
      onHandle: () => {
        if (!record || !user) return
        setBusy(true)
        const mutations = statusChangeMutations({
          record,
          to: spec.status,
          who: {kind: 'studio', userId: user.id, ...(user.name ? {name: user.name} : {})},
          at: new Date(),
          auditKey: crypto.randomUUID(),
          edits: props.draft ? editsFromDraft(props.draft) : undefined,
        })
        const withDraft = props.draft ? [...mutations, {delete: {id: props.draft._id}}] : mutations
        client
          .mutate(withDraft as Parameters<typeof client.mutate>[0], {visibility: 'sync'})
          .catch((error: unknown) => console.error(`${spec.label} failed; press it again`, error))
          .finally(() => {
            setBusy(false)
            props.onComplete()
          })
      },
    }
  }
  action.displayName = spec.name
  return action
}
