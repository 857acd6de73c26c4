import type {ModerationActor} from '../../contract/comment-record'

/**
 * How the moderation log reads in Studio, kept free of Studio imports so it can be tested on
 * its own: "Approved by Morgan (in Studio)", "Spam by mod@example.com (emailed link)".
 */

const STATUS_WORDS: Record<string, string> = {
  pending: 'Pending',
  approved: 'Approved',
  spam: 'Spam',
  trash: 'Trash',
  deleted: 'Deleted',
}

export function statusWord(status: string | null | undefined): string {
  return status ? (STATUS_WORDS[status] ?? status) : 'New'
}

export function actorText(who: Partial<ModerationActor> & {kind?: string; [field: string]: unknown}): string {
  switch (who.kind) {
    case 'studio':
      return `${who.name || who.userId || 'someone'} (in Studio)`
    case 'moderator':
      return `${who.name || `${who.provider} account ${who.accountId}`} (on the post page, signed in with ${who.provider})`
    case 'email':
      return who.address ? `${who.address} (emailed link)` : 'an emailed link'
    case 'site':
      return `the site (${who.task})`
    case 'reader':
      return who.action === 'delete' ? 'its writer (deleted it)' : 'its writer (edited it)'
    default:
      return 'unknown'
  }
}

export interface LogEntry {
  from?: string | null
  to?: string
  at?: string
  who?: Record<string, unknown>
  why?: string | null
}

/** One line of the log: "Pending → Approved by Morgan (in Studio)". */
export function entryText(entry: LogEntry): string {
  return `${statusWord(entry.from)} → ${statusWord(entry.to)} by ${actorText(entry.who ?? {})}`
}
