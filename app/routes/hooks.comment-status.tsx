import type {ActionFunctionArgs} from '@remix-run/node'
import {reportHam, reportSpam} from '~/comments/akismet.server'
import {applyStatusChange, type EffectServices, StatusChange} from '~/moderation/moderation-effects.server'
import {notifyCommentApproved} from '~/notifications/comment-notifications.server'
import {getWriteClient} from '~/sanity/client.server'
import {handleSignedWebhook, webhookAnswer} from '~/security/signed-webhook.server'

/**
 * POST /hooks/comment-status: the lake's (or Sanity's) webhook for a change to a comment's record,
 * signed with COMMENT_WEBHOOK_SECRET. Answers 2xx when done or nothing to do (or done already),
 * 401 for a bad or stale signature, 5xx when the lake should retry (Akismet or the lake did not answer).
 */

const services = (): EffectServices<Parameters<typeof reportSpam>[0]> => ({client: getWriteClient(), reportSpam, reportHam, notifyCommentApproved})

export function action({request}: ActionFunctionArgs) {
  return handleSignedWebhook(request, async (body) => {
    let change: StatusChange
    try {
      change = StatusChange.parse(JSON.parse(body))
    } catch {
      return webhookAnswer(400, {error: 'expected {_id, status, previousStatus}'})
    }
    try {
      return webhookAnswer(200, {done: await applyStatusChange(change, services())})
    } catch (error) {
      console.error(`Comment ${change._id}: a status-change effect failed (the webhook will retry):`, error)
      return webhookAnswer(503, {error: 'try again later'})
    }
  })
}

export function loader() {
  return webhookAnswer(405, {error: 'POST only'}, {Allow: 'POST'})
}
