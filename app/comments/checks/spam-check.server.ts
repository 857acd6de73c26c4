import {sentence} from '~/lib/wording'
import {type AkismetCommentParams, checkComment} from '../akismet.server'
import type {CheckContext, Flag, SpamCheckOutcome} from '../comment-pipeline.server'
import {HONEYPOT_FIELD} from '../form-fields'

/** Everything Akismet documents about a comment, as it will be resent with a moderator's report. */
export function akismetParams({submission, request, post, form, now}: CheckContext): AkismetCommentParams {
  const honeypot = form.get(HONEYPOT_FIELD)
  return {
    user_ip: request.clientAddress,
    user_agent: request.userAgent,
    ...(request.referrer ? {referrer: request.referrer} : {}),
    permalink: post.permalink,
    comment_type: submission.parentId ? 'reply' : 'comment',
    comment_author: submission.name,
    ...(submission.email ? {comment_author_email: submission.email} : {}),
    ...(submission.website ? {comment_author_url: submission.website} : {}),
    comment_content: submission.body,
    comment_date_gmt: now.toISOString(),
    comment_post_modified_gmt: new Date(post.updatedAt).toISOString(),
    honeypot_field_name: HONEYPOT_FIELD,
    honeypot_value: typeof honeypot === 'string' ? honeypot : '',
  }
}

/**
 * Asks Akismet. Spam is stored as spam (moderators can rescue it); if Akismet can't answer,
 * the comment is held with the reason, never published unchecked and never lost.
 */
export async function akismetSpamCheck(context: CheckContext, flags: Flag[], check: typeof checkComment = checkComment): Promise<SpamCheckOutcome> {
  // Already blatant (the honeypot): no need to spend an Akismet call on it.
  if (flags.some((flag) => flag.spamVerdict === 'blatant')) return {flag: null, verdict: 'blatant'}
  const params = akismetParams(context)
  const result = await check(params)
  if (result.verdict === 'spam') return {flag: {outcome: 'spam', reason: 'Akismet says this is spam.', spamVerdict: 'spam'}, verdict: 'spam', params}
  if (result.verdict === 'unchecked') {
    return {flag: {outcome: 'hold', reason: sentence(`Not spam-checked: ${result.reason}`), spamVerdict: 'unchecked'}, verdict: 'unchecked', params}
  }
  return {flag: null, verdict: 'ham', params}
}
