import {useDocumentOperation, type DocumentActionComponent} from 'sanity'
import {isShownFor, type StatusActionSpec} from './commentModeration'

/** A document action that moves a comment to `spec.status` and makes that live at once. */
export function createStatusAction(spec: StatusActionSpec): DocumentActionComponent {
  const action: DocumentActionComponent = (props) => {
    // Hooks run on every render, before deciding whether the action is shown at all.
    const {patch, publish} = useDocumentOperation(props.id, props.type)
    if (!isShownFor(spec, props.draft ?? props.published)) return null
    return {
      label: spec.label,
      icon: spec.icon,
      tone: spec.tone,
      disabled: Boolean(patch.disabled),
      onHandle: () => {
        // The patch lands in the comment's draft (creating one from the published comment);
        // the site reads only published comments, so the change is published straight away,
        // together with anything else the moderator had edited in that draft.
        patch.execute([{set: {status: spec.status}}])
        publish.execute()
        props.onComplete()
      },
    }
  }
  action.displayName = spec.name
  return action
}
