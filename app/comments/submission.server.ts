import {z} from 'zod'
import {COMMENT_ID, COMMENT_LIMITS, normaliseBody} from './form-fields'

/** The comment form's validation: every message is shown next to its field. */

const trimmed = z.string().transform((value) => value.trim())
// `formValues` has already turned each checkbox into true (ticked) or false.
const checkbox = z.boolean()

/** What a guest types. Readers signed in with a provider type only the name (or pseudonym) shown. */
export const GuestDetails = z.object({
  name: trimmed.pipe(
    z
      .string()
      .min(1, 'Please enter a name or pseudonym: it is shown with your comment.')
      .max(COMMENT_LIMITS.name, `Please shorten the name to ${COMMENT_LIMITS.name} characters or fewer.`),
  ),
  email: trimmed.pipe(
    z
      .string()
      .min(1, 'Please enter your email address. It is never made public.')
      .max(COMMENT_LIMITS.email, 'This email address is too long.')
      .pipe(z.email('Please enter a valid email address, like name@example.com.')),
  ),
})

const website = trimmed.pipe(
  z
    .string()
    .max(COMMENT_LIMITS.website, `Please shorten the web address to ${COMMENT_LIMITS.website} characters or fewer.`)
    .refine((value) => value === '' || isHttpUrl(value), 'Please enter a full web address starting with http:// or https://, or leave it empty.'),
)

export const CommentFields = z.object({
  body: z
    .string()
    // Line endings from browsers are CRLF; count what a reader sees.
    .transform(normaliseBody)
    .pipe(
      z
        .string()
        .min(1, 'Please write your comment.')
        .max(COMMENT_LIMITS.body, `Please shorten your comment to ${COMMENT_LIMITS.body.toLocaleString('en-US')} characters or fewer.`),
    ),
  website: website.optional().transform((value) => value || undefined),
  parentId: z
    .string()
    .regex(COMMENT_ID, 'This reply points at a comment that does not exist.')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  notifyReplies: checkbox,
  notifyPosts: checkbox,
  saveDetails: checkbox,
})

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value)
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname.includes('.')
  } catch {
    return false
  }
}
