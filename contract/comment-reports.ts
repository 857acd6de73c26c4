/**
 * Readers' reports of a published comment (decision 0237): the reasons a reader may choose,
 * as the report page offers them, Studio shows them and the moderators' email counts them.
 * A report stores a reason and a time, and a keyed hash that tells one reporter's network
 * from another's on this comment alone; never who reported.
 */

export const REPORT_REASONS = ['unkind', 'private', 'unsafe', 'spam', 'other'] as const
export type ReportReason = (typeof REPORT_REASONS)[number]

export const REPORT_REASON_TITLES: Record<ReportReason, string> = {
  unkind: 'It is abusive, hateful or harassing',
  private: 'It shares someone’s private or health details',
  unsafe: 'Someone may be at risk of harm',
  spam: 'It is spam or advertising',
  other: 'Something else',
}

/** One report as stored on the comment's record. */
export interface StoredReport {
  _key: string
  reason: ReportReason
  at: string
  /** A keyed hash of the reporter's network, for this comment only: one report per network counts. */
  from: string
}

/** The reasons as a moderator reads them in a list. */
export const REPORT_REASON_NAMES: Record<ReportReason, string> = {
  unkind: 'abusive or harassing',
  private: 'shares private details',
  unsafe: 'someone may be at risk',
  spam: 'spam',
  other: 'something else',
}

/** "abusive or harassing (2), spam (1)": how the reasons add up, most given first. */
export function reportReasonSummary(reports: Pick<StoredReport, 'reason'>[]): string {
  const counts = new Map<ReportReason, number>()
  for (const {reason} of reports) counts.set(reason, (counts.get(reason) ?? 0) + 1)
  return [...counts]
    .sort(([, a], [, b]) => b - a)
    .map(([reason, count]) => `${REPORT_REASON_NAMES[reason]} (${count})`)
    .join(', ')
}
