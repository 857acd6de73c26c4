import {AccessDeniedIcon} from '@sanity/icons/AccessDenied'
import {CheckmarkCircleIcon} from '@sanity/icons/CheckmarkCircle'
import {useId, useState} from 'react'
import {type DocumentActionComponent, useClient, useCurrentUser} from 'sanity'
import {
  type CommenterRule,
  commenterRuleDocument,
  DEFAULT_RULE_EXPIRY,
  matchesOffered,
  RULE_EXPIRIES,
  type RuleExpiry,
  type RuleMatch,
  type RuleSource,
  type RuleVerdict,
  whoLabel,
} from '../../contract/commenter-rules'

/** What the moderator chose in the dialog. */
export interface RuleChoice {
  match: RuleMatch
  expiry: RuleExpiry
  reason: string
}

const VERDICT_WORDS: Record<RuleVerdict, {label: string; button: string; explain: string}> = {
  ban: {
    label: 'Ban author…',
    button: 'Ban',
    explain:
      'Their new comments will be stored as spam, unseen by readers. They are told, as everyone is, that their comment awaits moderation. A comment that may come from someone in crisis is still held for you.',
  },
  trust: {
    label: 'Trust author…',
    button: 'Trust',
    explain:
      'Their new comments skip the first-comment, hold-all, hold-word and link holds. Comments that may come from someone in crisis, share personal details, are on a sensitive post or are blatant spam are still held or filtered: safety outranks trust.',
  },
}

/** The dialog's form: what to recognise the commenter by, for how long, and why. Plain elements, as Studio's other dialogs here. */
export function CommenterRuleForm({verdict, source, onSubmit}: {verdict: RuleVerdict; source: RuleSource; onSubmit: (choice: RuleChoice) => void}) {
  const offered = matchesOffered(source)
  const [match, setMatch] = useState<RuleMatch | undefined>(offered[0])
  const [expiry, setExpiry] = useState<RuleExpiry>(DEFAULT_RULE_EXPIRY[offered[0] ?? 'network'])
  const [reason, setReason] = useState('')
  const id = useId()
  const words = VERDICT_WORDS[verdict]
  if (!match) return <p role="status">This comment carries no account, email or network to recognise its author by.</p>
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault()
        onSubmit({match, expiry, reason})
      }}
    >
      <p>{words.explain}</p>
      <fieldset style={{border: 'none', padding: 0, margin: '0 0 1rem'}}>
        <legend style={{fontWeight: 600, marginBottom: '0.5rem'}}>Recognise them by</legend>
        {offered.map((kind) => (
          <label key={kind} style={{display: 'block', marginBottom: '0.25rem'}}>
            <input
              type="radio"
              name={`${id}-match`}
              value={kind}
              checked={match === kind}
              onChange={() => {
                setMatch(kind)
                setExpiry(DEFAULT_RULE_EXPIRY[kind])
              }}
            />{' '}
            {whoLabel(kind, source)}
          </label>
        ))}
      </fieldset>
      <label htmlFor={`${id}-expiry`} style={{display: 'block', fontWeight: 600}}>
        For how long
      </label>
      <select id={`${id}-expiry`} value={expiry} onChange={(event) => setExpiry(event.target.value as RuleExpiry)} style={{marginBottom: '1rem'}}>
        {RULE_EXPIRIES.map((choice) => (
          <option key={choice.value} value={choice.value}>
            {choice.title}
          </option>
        ))}
      </select>
      <label htmlFor={`${id}-reason`} style={{display: 'block', fontWeight: 600}}>
        Reason (for moderators only)
      </label>
      <textarea id={`${id}-reason`} rows={2} maxLength={500} value={reason} onChange={(event) => setReason(event.target.value)} style={{width: '100%'}} />
      <p>
        <button type="submit">{words.button}</button>
      </p>
    </form>
  )
}

/**
 * "Ban author…" and "Trust author…" on a comment (decision 0235): the moderator picks how to
 * recognise its author (account, email or network), for how long, and why; the rule is written
 * as a private document (one per identity, so a ban replaces an earlier trust), listed in
 * Comments › Banned & trusted, where it is edited or deleted.
 */
export function createCommenterRuleAction(verdict: RuleVerdict): DocumentActionComponent {
  const action: DocumentActionComponent = (props) => {
    const client = useClient({apiVersion: '2025-02-19'})
    const user = useCurrentUser()
    const [open, setOpen] = useState(false)
    const [outcome, setOutcome] = useState<string | null>(null)
    const record = props.published as (RuleSource & {_id: string}) | null
    // Only a stored comment from a reader; the post's author writes as a moderator.
    if (!record || (record as {byPostAuthor?: unknown}).byPostAuthor === true) return null
    const close = () => {
      setOpen(false)
      setOutcome(null)
      props.onComplete()
    }
    const save = (choice: RuleChoice) => {
      commenterRuleDocument({verdict, source: record, ...choice, now: new Date(), ...(user?.name ? {by: user.name} : {})})
        .then((rule: CommenterRule | null) => {
          if (!rule) throw new Error('this comment lacks what the rule would match')
          return client.createOrReplace(rule, {visibility: 'sync'}).then(() => rule)
        })
        .then(
          (rule) => setOutcome(`${verdict === 'ban' ? 'Banned' : 'Trusted'}: ${rule.who}. See Comments › Banned & trusted to change or remove it.`),
          (error: unknown) => setOutcome(`Nothing was saved: ${error instanceof Error ? error.message : String(error)}`),
        )
    }
    const words = VERDICT_WORDS[verdict]
    return {
      label: words.label,
      icon: verdict === 'ban' ? AccessDeniedIcon : CheckmarkCircleIcon,
      tone: verdict === 'ban' ? 'critical' : 'positive',
      onHandle: () => setOpen(true),
      dialog: open && {
        type: 'dialog',
        header: words.label.replace('…', ''),
        onClose: close,
        content: outcome ? <p role="status">{outcome}</p> : <CommenterRuleForm verdict={verdict} source={record} onSubmit={save} />,
      },
    }
  }
  action.displayName = verdict === 'ban' ? 'BanAuthorAction' : 'TrustAuthorAction'
  return action
}
