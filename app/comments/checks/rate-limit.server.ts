import type {Gate, CheckContext} from '../comment-pipeline.server'
import {networkPrefix} from '~/security/network-address.server'
import {RateLimiter, takeIfAllowed} from '~/security/rate-limiter.server'

export interface RateLimits {
  /** Comments per window from one network (IPv4 /24, IPv6 /48). */
  perNetwork: number
  /** Comments per window from one email address or signed-in account. */
  perCommenter: number
  windowMs: number
}

/** Refuses floods from one place or one person; the reader is told how long to wait. */
export function rateLimitGate(limits: RateLimits): Gate<CheckContext> {
  const byNetwork = new RateLimiter('comments-by-network', limits.perNetwork, limits.windowMs)
  const byCommenter = new RateLimiter('comments-by-commenter', limits.perCommenter, limits.windowMs)
  return {
    name: 'rate-limit',
    run: ({request, submission, now}) => {
      const who = submission.identity ? `id:${submission.identity.provider}:${submission.identity.accountId}` : `email:${submission.email?.toLowerCase()}`
      const network = networkPrefix(request.clientAddress)
      // A refused comment counts against neither limit, so waiting is always enough.
      const wait = takeIfAllowed(
        [
          [byNetwork, network],
          [byCommenter, who],
        ],
        now.getTime(),
      )
      if (wait === 0) return null
      const minutes = Math.max(1, Math.ceil(wait / 60_000))
      return {
        status: 429,
        message: `You have posted several comments in a short time. Please wait ${minutes} minute${minutes === 1 ? '' : 's'} and post again: your comment is below.`,
      }
    },
  }
}
