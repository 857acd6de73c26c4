import {useEffect, useState} from 'react'
import {type StringInputProps, useClient, useFormValue} from 'sanity'
import {DOCUMENT_TYPES} from '../../contract/documents'
import {entryText, type LogEntry} from './moderationLogText'

const QUERY = `*[_type == "${DOCUMENT_TYPES.commentAudit}" && comment._ref == $record] | order(at desc){_id, from, to, at, who, why}`

/**
 * The comment's moderation log, newest first, in place of an input: read-only, read from the
 * audit entries (never from the comment itself), and read again whenever the status changes.
 */
export function ModerationLog(_props: StringInputProps) {
  const client = useClient({apiVersion: '2025-02-19'})
  const id = String(useFormValue(['_id']) ?? '').replace(/^drafts\./, '')
  const status = useFormValue(['status'])
  const [entries, setEntries] = useState<(LogEntry & {_id: string})[] | null>(null)
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new status means a new entry, so the log is read again
  useEffect(() => {
    let current = true
    client
      .fetch<(LogEntry & {_id: string})[]>(QUERY, {record: id}, {perspective: 'raw'})
      .then((found) => current && setEntries(found))
      .catch(() => current && setEntries([]))
    return () => {
      current = false
    }
  }, [client, id, status])
  if (entries === null) return <p>Loading the moderation log…</p>
  if (entries.length === 0) return <p>No moderation yet.</p>
  return (
    <ol style={{margin: 0, paddingLeft: '1.25em', lineHeight: 1.6}}>
      {entries.map((entry) => (
        <li key={entry._id}>
          {entryText(entry)}
          {entry.at ? <>, {new Date(entry.at).toLocaleString()}</> : null}
          {entry.why ? <>: “{entry.why}”</> : null}
        </li>
      ))}
    </ol>
  )
}
