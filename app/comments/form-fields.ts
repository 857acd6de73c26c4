/** The comment form's fields and limits, shared by the form (in the browser) and the server. */

/** Limits the form shows (maxlength) and the server enforces. */
export const COMMENT_LIMITS = {
  name: 100,
  email: 254,
  website: 200,
  body: 5000,
} as const

/** A comment's id as a reply form names its parent. */
export const COMMENT_ID = /^comment-[a-z0-9-]{1,64}$/

/** The comment's text as the server counts it: browsers send line breaks as CRLF. */
export function normaliseBody(body: string): string {
  return body.replace(/\r\n?/g, '\n').trim()
}

/** The typed fields longer than a comment may have them (counted as the server counts). */
export function fieldsOverLimit(values: CommentFormValues): (keyof typeof COMMENT_LIMITS)[] {
  const lengths = {name: values.name.trim(), email: values.email.trim(), website: values.website.trim(), body: normaliseBody(values.body)}
  return (Object.keys(COMMENT_LIMITS) as (keyof typeof COMMENT_LIMITS)[]).filter((field) => lengths[field].length > COMMENT_LIMITS[field])
}

/**
 * The hidden field only bots fill in. Its name looks like a real field to a bot; Akismet is
 * told its name and value too.
 */
export const HONEYPOT_FIELD = 'comment_url_confirm'

/** A post author's "Publish anyway" checkbox, sent with the reply guard's signed token as its value. */
export const REPLY_GUARD_FIELD = 'replyGuardConfirmation'

/** The fields a reader typed, kept as typed so a failed submission can put them back. */
export interface CommentFormValues {
  name: string
  email: string
  website: string
  body: string
  parentId: string
  notifyReplies: boolean
  notifyPosts: boolean
  saveDetails: boolean
}

export type FieldErrors = Partial<Record<'name' | 'email' | 'website' | 'body' | 'parentId', string>>

export function formValues(form: FormData): CommentFormValues {
  const text = (name: string) => {
    const value = form.get(name)
    return typeof value === 'string' ? value : ''
  }
  return {
    name: text('name'),
    email: text('email'),
    website: text('website'),
    body: text('body'),
    parentId: text('parentId'),
    notifyReplies: text('notifyReplies') === 'on',
    notifyPosts: text('notifyPosts') === 'on',
    saveDetails: text('saveDetails') === 'on',
  }
}
