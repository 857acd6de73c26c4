import {getEnv} from '~/env.server'
import {checkUnsubscribeToken} from '~/mail/email-links.server'
import {getWriteClient} from '~/sanity/client.server'
import {stopEmailsToAuthorOf} from '~/sanity/comments.server'
import {isSameOrigin, originHeaders} from '~/security/same-origin.server'

export type UnsubscribePage = {state: 'confirm' | 'done' | 'invalid' | 'expired' | 'cross-site'}

const HTTP_STATUS: Record<UnsubscribePage['state'], number> = {
  confirm: 200,
  done: 200,
  invalid: 400,
  expired: 410,
  'cross-site': 403,
}

export function httpStatusOf(page: UnsubscribePage): number {
  return HTTP_STATUS[page.state]
}

export function unsubscribePage(token: string): UnsubscribePage {
  const check = checkUnsubscribeToken(token)
  return check.ok ? {state: 'confirm'} : {state: check.reason}
}

export async function performUnsubscribe(request: Request, token: string): Promise<UnsubscribePage> {
  if (!isSameOrigin(originHeaders(request), new URL(getEnv().SITE_URL).origin)) return {state: 'cross-site'}
  const check = checkUnsubscribeToken(token)
  if (!check.ok) return {state: check.reason}
  // "Stop these emails" means all of them, from every comment by that address, not just one thread's.
  await stopEmailsToAuthorOf(getWriteClient(), check.data.commentId)
  // The same answer whether or not anything was still switched on: the outcome is what matters.
  return {state: 'done'}
}
