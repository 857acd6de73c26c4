/**
 * Replies a moderator can start from when a comment needs care (Site settings › Care replies;
 * these are the defaults). Written after public safe-messaging guidance (988 Suicide & Crisis
 * Lifeline, reportingonsuicide.org): thank and acknowledge, say help is available now and how
 * to reach it, invite private contact; no clinical advice, no promises, no details of the
 * reader's situation repeated in public.
 *
 * `{name}` becomes the commenter's name, `{practiceName}` and `{practicePhone}` the practice's
 * from Site settings.
 */
export interface CareReply {
  title: string
  text: string
}

export const DEFAULT_CARE_REPLIES: readonly CareReply[] = [
  {
    title: 'Public reply: support is available now',
    text: 'Thank you for writing, {name}. What you shared sounds really hard, and we are glad you reached out. You do not have to go through this alone. If you are in the U.S., you can call or text 988 at any hour to talk with someone at the Suicide & Crisis Lifeline. If you are in danger right now, please call 911. We would also like to hear from you privately: you can reach {practiceName} at {practicePhone}.',
  },
  {
    title: 'Private email: reaching out',
    text: 'Hello {name},\n\nWe read the comment you left on our blog and wanted to write to you directly rather than in public. Thank you for telling us what you are going through.\n\nIf you are thinking about suicide, or worried you might act on these thoughts, please call or text 988 (the Suicide & Crisis Lifeline, any hour, in the U.S.). If you are in danger right now, call 911 or go to the nearest emergency room.\n\nWe cannot give advice about your situation by email or in blog comments, but if you would like to talk with someone at our practice, please call us at {practicePhone}.\n\nWith care,\n{practiceName}',
  },
  {
    title: 'Public reply: worried about someone else',
    text: 'Thank you for writing, {name}. If someone may be in danger right now, please call 911. For support in a crisis, for yourself or for someone you are worried about, you can call or text 988 at any hour. If you would like to talk with us privately, you can reach {practiceName} at {practicePhone}.',
  },
  {
    title: 'Public reply: personal details removed',
    text: 'Thank you for sharing your experience, {name}. To protect your privacy, we removed some personal details before publishing your comment. If you would like to talk about your own situation, please contact {practiceName} privately at {practicePhone}.',
  },
]

/** What the placeholders stand for; a missing one stays visible, in brackets, for the moderator to fill in. */
export interface CareReplyValues {
  name?: string | null
  practiceName?: string | null
  practicePhone?: string | null
}

const PLACEHOLDERS: Record<keyof CareReplyValues, string> = {name: 'name', practiceName: 'practice name', practicePhone: 'practice phone'}

export function fillCareReply(text: string, values: CareReplyValues): string {
  return text.replace(/\{(name|practiceName|practicePhone)\}/g, (_, key: keyof CareReplyValues) => values[key]?.trim() || `[${PLACEHOLDERS[key]}]`)
}
