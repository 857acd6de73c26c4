import type {SanityClient} from '@sanity/client'
import {getEnv} from '~/env.server'
import {getWriteClient} from '~/sanity/client.server'
import {isSameOrigin, originHeaders} from '~/security/same-origin.server'
import {privateIdFor} from './comment-records.server'
import {checkUnsubscribeToken} from './email-links.server'

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

/**
 * Turns reply, approval and new-post emails off for every comment from the address that
 * wrote `commentId`: "stop these emails" means all of them, not just one thread's. Returns
 * how many comments' wishes changed.
 */
export async function stopEmailsTo(client: SanityClient, commentId: string): Promise<number> {
  const email = await client.fetch<string | null>('*[_id == $id][0].email', {id: privateIdFor(commentId)}, {perspective: 'raw'})
  const ids = email
    ? await client.fetch<string[]>(
        '*[_type == "commentPrivate" && lower(email) == $email && (notifyReplies == true || notifyPosts == true)]._id',
        {email: email.toLowerCase()},
        {perspective: 'raw'},
      )
    : []
  if (ids.length === 0) return 0
  const transaction = client.transaction()
  for (const id of ids) transaction.patch(id, (patch) => patch.set({notifyReplies: false, notifyPosts: false}))
  await transaction.commit({visibility: 'sync'})
  return ids.length
}

export function unsubscribePage(token: string): UnsubscribePage {
  const check = checkUnsubscribeToken(token)
  return check.ok ? {state: 'confirm'} : {state: check.reason}
}

export async function performUnsubscribe(request: Request, token: string): Promise<UnsubscribePage> {
  if (!isSameOrigin(originHeaders(request), new URL(getEnv().SITE_URL).origin)) return {state: 'cross-site'}
  const check = checkUnsubscribeToken(token)
  if (!check.ok) return {state: check.reason}
  await stopEmailsTo(getWriteClient(), check.data.commentId)
  // The same answer whether or not anything was still switched on: the outcome is what matters.
  return {state: 'done'}
}
