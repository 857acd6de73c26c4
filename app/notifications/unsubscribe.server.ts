import {getEnv} from '~/env.server'
import {checkUnsubscribeToken, type UnsubscribeScope} from '~/mail/email-links.server'
import {getWriteClient} from '~/sanity/client.server'
import {readCommentEmail, stopEmailsTo} from '~/sanity/comments.server'
import {followerKey, unfollow} from '~/sanity/follow-ups.server'
import {networkPrefix} from '~/security/network-address.server'
import {RateLimiter, takeIfAllowed} from '~/security/rate-limiter.server'
import {isSameOrigin, originHeaders} from '~/security/same-origin.server'

/**
 * "Stop these emails", from the link in an email or as RFC 8058's one-click POST from the
 * reader's mail program (decision 0230). The signed link is the authority, so the one-click
 * POST (no Origin, body `List-Unsubscribe=One-Click`) needs no form token; a POST from another
 * site's page is still refused.
 */

type Outcome = 'confirm' | 'done'
export type UnsubscribePage =
  | {state: Outcome; scope: 'everything' | 'post'}
  | {state: 'invalid' | 'expired' | 'cross-site'}
  | {state: 'too-many'; retryAfterMinutes: number}

const HTTP_STATUS: Record<UnsubscribePage['state'], number> = {
  confirm: 200,
  done: 200,
  invalid: 400,
  expired: 410,
  'cross-site': 403,
  'too-many': 429,
}

// Mail providers post one-click requests from their own servers: generous per network, but bounded.
const perNetwork = new RateLimiter('unsubscribe-by-network', 120, 60 * 60 * 1000)

export function httpStatusOf(page: UnsubscribePage): number {
  return HTTP_STATUS[page.state]
}

const scopeOf = (scope: UnsubscribeScope) => ('postId' in scope && scope.postId ? 'post' : 'everything')

export function unsubscribePage(token: string): UnsubscribePage {
  const check = checkUnsubscribeToken(token)
  return check.ok ? {state: 'confirm', scope: scopeOf(check.data)} : {state: check.reason}
}

/** `clientAddress` is the requester's network address, or '' when the server can't tell. */
export async function performUnsubscribe(request: Request, token: string, clientAddress = '', now = Date.now()): Promise<UnsubscribePage> {
  if (!isSameOrigin(originHeaders(request), new URL(getEnv().SITE_URL).origin)) return {state: 'cross-site'}
  const check = checkUnsubscribeToken(token)
  if (!check.ok) return {state: check.reason}
  const wait = takeIfAllowed([[perNetwork, networkPrefix(clientAddress)]], now)
  if (wait > 0) return {state: 'too-many', retryAfterMinutes: Math.ceil(wait / 60_000)}
  await stop(check.data)
  // The same answer whether or not anything was still switched on: the outcome is what matters.
  return {state: 'done', scope: scopeOf(check.data)}
}

/** One post's follow-ups, or everything to the address: replies, approvals, new posts and every follow-up. */
async function stop(scope: UnsubscribeScope): Promise<void> {
  const client = getWriteClient()
  if ('follower' in scope) {
    const email = await unfollow(client, scope.follower, scope.postId)
    if (email && !scope.postId) await stopEmailsTo(client, email)
    return
  }
  const email = await readCommentEmail(client, scope.commentId)
  if (!email) return
  await Promise.all([stopEmailsTo(client, email), unfollow(client, followerKey(email))])
}
