import {type CommentStatus, NEEDS_CARE} from '../../contract/comments'

/** Where a comment stands after its writer's edit, from where it stood and the pipeline's verdict on the new text (decision 0232). */

/** The pipeline's verdict for an edit, never more lenient than where the comment stands. */
const STRICTNESS: Record<CommentStatus, number> = {approved: 0, pending: 1, spam: 2, trash: 3}

/**
 * An edit can only make a comment's standing stricter: a held comment stays held for its
 * moderator whatever the new text (so an edit never undoes a moderator's hold, nor publishes
 * what waited for a person), and an approved one stays approved only if the pipeline would
 * publish the new text. Crisis language holds it for a person whatever it was.
 */
export function statusAfterEdit(current: CommentStatus, judged: CommentStatus, needsCare: boolean): CommentStatus {
  if (needsCare) return 'pending'
  return STRICTNESS[judged] > STRICTNESS[current] ? judged : current
}

/** The hold reason after an edit: a "Needs care" reason first, so Studio's care list still finds it; the earlier reason kept. */
export function reasonAfterEdit(previous: string | null | undefined, reasons: string[]): string | undefined {
  const care = reasons.filter((reason) => reason.startsWith(NEEDS_CARE))
  const rest = reasons.filter((reason) => !reason.startsWith(NEEDS_CARE))
  const all = [...care, ...(previous ? [previous] : []), ...rest.map((reason) => `After an edit: ${reason}`)]
  return all.length > 0 ? [...new Set(all)].join(' ') : undefined
}
