import {z} from 'zod'
import {parseEnvironment} from '~/env.server'

const count = (fallback: number) => z.coerce.number().int().min(1).default(fallback)

const CommentEnv = z.object({
  /** A comment sent sooner than this after the form was shown is held (people don't type that fast). */
  COMMENT_MIN_FILL_SECONDS: z.coerce.number().min(0).default(3),
  /** Comments allowed per network (IPv4 /24, IPv6 /48) in COMMENT_RATE_WINDOW_MINUTES. */
  COMMENT_RATE_LIMIT_PER_NETWORK: count(10),
  /** Comments allowed per email address or signed-in account in the window. */
  COMMENT_RATE_LIMIT_PER_COMMENTER: count(5),
  COMMENT_RATE_WINDOW_MINUTES: count(10),
})

export type CommentConfig = z.infer<typeof CommentEnv>

let cached: CommentConfig | undefined

export function getCommentConfig(): CommentConfig {
  cached ??= parseEnvironment(CommentEnv, process.env)
  return cached
}

/** Limits on the request itself, before anything reads it: 5,000 characters is at most ~20 KB. */
export const MAX_COMMENT_REQUEST_BYTES = 64 * 1024
export const COMMENTS_PER_PAGE = 50
