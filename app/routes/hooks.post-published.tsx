import type {ActionFunctionArgs} from '@remix-run/node'
import {z} from 'zod'
import {announceNewPost} from '~/notifications/post-notifications.server'
import {handleSignedWebhook, webhookAnswer} from '~/security/signed-webhook.server'

/**
 * POST /hooks/post-published: the lake's (or Sanity's) webhook when a post is first
 * published, signed with COMMENT_WEBHOOK_SECRET. Emails the readers who asked to hear of new
 * posts, once per post however often it is called; 5xx asks the lake to retry.
 */

const Delivery = z.object({_id: z.string().min(1)})

export function action({request}: ActionFunctionArgs) {
  return handleSignedWebhook(request, async (body) => {
    let postId: string
    try {
      postId = Delivery.parse(JSON.parse(body))._id
    } catch {
      return webhookAnswer(400, {error: 'expected {_id}'})
    }
    try {
      return webhookAnswer(200, {done: await announceNewPost(postId)})
    } catch (error) {
      console.error(`Post ${postId}: the new-post emails failed (the webhook will retry):`, error)
      return webhookAnswer(503, {error: 'try again later'})
    }
  })
}

export function loader() {
  return webhookAnswer(405, {error: 'POST only'}, {Allow: 'POST'})
}
