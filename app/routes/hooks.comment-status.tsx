import type {ActionFunctionArgs} from '@remix-run/node'
import {isValidSignature, SIGNATURE_HEADER_NAME} from '@sanity/webhook'
import {applyStatusChange, StatusChange} from '~/comments/moderation-effects.server'
import {getEnv} from '~/env.server'

/**
 * POST /hooks/comment-status: the lake's (or Sanity's) webhook for a comment's status change,
 * signed with COMMENT_WEBHOOK_SECRET. Answers 2xx when done or nothing to do, 401 for a bad
 * signature, 5xx when the lake should retry (Akismet or the lake did not answer).
 */

const answer = (status: number, body: Record<string, unknown>, headers: Record<string, string> = {}) =>
  Response.json(body, {status, headers: {'Cache-Control': 'no-store', ...headers}})

async function hasValidSignature(body: string, signature: string | null, secret: string): Promise<boolean> {
  if (!signature) return false
  // A malformed header throws; that is a bad signature too.
  return isValidSignature(body, signature, secret).catch(() => false)
}

export async function action({request}: ActionFunctionArgs) {
  if (request.method !== 'POST') return answer(405, {error: 'POST only'}, {Allow: 'POST'})
  const secret = getEnv().COMMENT_WEBHOOK_SECRET
  if (!secret) return answer(503, {error: 'COMMENT_WEBHOOK_SECRET is not set on the site'})
  const body = await request.text()
  if (!(await hasValidSignature(body, request.headers.get(SIGNATURE_HEADER_NAME), secret))) {
    return answer(401, {error: 'bad signature'})
  }
  let change: StatusChange
  try {
    change = StatusChange.parse(JSON.parse(body))
  } catch {
    return answer(400, {error: 'expected {_id, status, previousStatus}'})
  }
  try {
    return answer(200, {done: await applyStatusChange(change)})
  } catch (error) {
    console.error(`Comment ${change._id}: a status-change effect failed (the webhook will retry):`, error)
    return answer(503, {error: 'try again later'})
  }
}

export function loader() {
  return answer(405, {error: 'POST only'}, {Allow: 'POST'})
}
