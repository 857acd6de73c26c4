import {isValidSignature, SIGNATURE_HEADER_NAME} from '@sanity/webhook'
import {getEnv} from '~/env.server'

/**
 * The lake's (or Sanity's) webhooks to the site (/hooks/*) are signed with
 * COMMENT_WEBHOOK_SECRET and checked as @sanity/webhook checks them.
 */

export const webhookAnswer = (status: number, body: Record<string, unknown>, headers: Record<string, string> = {}) =>
  Response.json(body, {status, headers: {'Cache-Control': 'no-store', ...headers}})

async function hasValidSignature(body: string, signature: string | null, secret: string): Promise<boolean> {
  if (!signature) return false
  // A malformed header throws; that is a bad signature too.
  return isValidSignature(body, signature, secret).catch(() => false)
}

/**
 * The webhook's body once its signature checks out; otherwise the answer to give: 405 for
 * anything but POST, 503 when the site has no secret, 401 for a bad or missing signature.
 */
export async function readSignedWebhook(request: Request): Promise<{ok: true; body: string} | {ok: false; response: Response}> {
  if (request.method !== 'POST') return {ok: false, response: webhookAnswer(405, {error: 'POST only'}, {Allow: 'POST'})}
  const secret = getEnv().COMMENT_WEBHOOK_SECRET
  if (!secret) return {ok: false, response: webhookAnswer(503, {error: 'COMMENT_WEBHOOK_SECRET is not set on the site'})}
  const body = await request.text()
  if (!(await hasValidSignature(body, request.headers.get(SIGNATURE_HEADER_NAME), secret))) {
    return {ok: false, response: webhookAnswer(401, {error: 'bad signature'})}
  }
  return {ok: true, body}
}
