/**
 * Comments as the Studio shows them and the site stores them: the values each field may take.
 * Plain data, no dependencies: the Studio bundle and the site's server both import it.
 */

/** Only approved comments are public. */
export const COMMENT_STATUSES = ['pending', 'approved', 'spam', 'trash'] as const
export type CommentStatus = (typeof COMMENT_STATUSES)[number]

/** What the spam check said when the comment arrived. */
export const SPAM_VERDICTS = ['ham', 'spam', 'blatant', 'unchecked'] as const
export type SpamVerdict = (typeof SPAM_VERDICTS)[number]

/**
 * Where a moderation rule or the spam check sends a comment away from "approved"; "care" is a
 * hold that outranks every other outcome (possible crisis language, decision 0190).
 */
export const FLAG_OUTCOMES = ['hold', 'spam', 'trash', 'care'] as const
export type FlagOutcome = (typeof FLAG_OUTCOMES)[number]

/**
 * How a hold reason starts when the comment may come from a reader in crisis: the pipeline
 * writes it, Studio's "Needs care" list looks for it (decision 0210).
 */
export const NEEDS_CARE = 'Needs care'

/** How a hold reason starts when the comment identifies or discloses someone's health. */
export const PERSONAL_DETAILS = 'Personal details'

/** Site settings › Comment moderation › New comments. */
export const MODERATION_MODES = ['holdAll', 'holdFirstTime', 'publishUnlessFlagged'] as const
export type ModerationMode = (typeof MODERATION_MODES)[number]

/** Site settings › Comment moderation, as the rules read it. */
export interface ModerationSettings {
  mode: ModerationMode
  holdIfLinksAtLeast: number
  holdWords: string[]
  trashWords: string[]
  closeCommentsAfterDays: number
  /** How deep replies nest before they line up under the deepest level. */
  threadDepth: number
  /** Readers' reports that send an approved comment back to moderation (decision 0237). */
  holdAfterReports: number
}

/** Settings an editor never saved: the Studio's initial values and the site's fallbacks. */
export const MODERATION_DEFAULTS = {
  mode: 'holdFirstTime',
  holdIfLinksAtLeast: 2,
  holdWords: [],
  trashWords: [],
  closeCommentsAfterDays: 0,
  threadDepth: 5,
  holdAfterReports: 3,
} as const satisfies ModerationSettings

/**
 * The most readers' reports stored on one comment (each a reason, a time and a keyed hash):
 * past it, further reports are thanked but not kept, so nobody can grow a record without
 * bound. Also the highest "hold after" an editor may choose, so the hold is always reachable.
 */
export const MAX_STORED_REPORTS = 20

/** The deepest nesting an editor may choose. */
export const MAX_THREAD_DEPTH = 10
