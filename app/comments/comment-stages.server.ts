import {getEnv} from '~/env.server'
import {getWriteClient} from '~/sanity/client.server'
import {findApprovedComment, hasApprovedComment} from '~/sanity/comments.server'
import {findCommenterRule} from '~/sanity/commenter-rules.server'
import {readClinicianNames} from '~/sanity/content.server'
import {commenterRuleLookup} from './checks/commenter-rules.server'
import {commentsOpenGate} from './checks/comments-open.server'
import {fillTimeCheck} from './checks/form-token.server'
import {honeypotCheck} from './checks/honeypot.server'
import {holdWordsCheck, linkCountCheck, moderationModeCheck, trashWordsCheck} from './checks/moderation-rules.server'
import {rateLimitGate} from './checks/rate-limit.server'
import {replyTargetGate} from './checks/reply-target.server'
import {crisisLanguageCheck, personalDetailsCheck} from './checks/safety-checks.server'
import {sameOriginGate} from './checks/same-origin.server'
import {sensitiveTopicCheck} from './checks/sensitive-topic.server'
import {akismetSpamCheck} from './checks/spam-check.server'
import {getCommentConfig} from './comment-config.server'
import type {PipelineStages, RequestFacts} from './comment-pipeline.server'

/**
 * The pipeline's stages for a new comment and for its writer's edit, built once. They share
 * one rate limit: an edit counts as a comment posted. An edit skips two stages only: the reply
 * target (the comment it answers may have gone since; it answered it when posted) and the
 * fill time (fixing a typo takes seconds, and the writer is known by their session).
 */
let built: {newComment: PipelineStages; edit: PipelineStages} | undefined

export function commentStages(): {newComment: PipelineStages; edit: PipelineStages} {
  if (built) return built
  const config = getCommentConfig()
  const client = getWriteClient()
  const requestGates = [sameOriginGate(new URL(getEnv().SITE_URL).origin)]
  const rateLimit = rateLimitGate({
    perNetwork: config.COMMENT_RATE_LIMIT_PER_NETWORK,
    perCommenter: config.COMMENT_RATE_LIMIT_PER_COMMENTER,
    windowMs: config.COMMENT_RATE_WINDOW_MINUTES * 60_000,
  })
  const fillTime = fillTimeCheck(config.COMMENT_MIN_FILL_SECONDS)
  const checks = [
    crisisLanguageCheck,
    sensitiveTopicCheck,
    personalDetailsCheck(() => readClinicianNames(client)),
    honeypotCheck,
    fillTime,
    trashWordsCheck,
    holdWordsCheck,
    linkCountCheck,
    moderationModeCheck((submission) => hasApprovedComment(client, submission)),
  ]
  // A ban or trust judges an edit as it judged the comment: the writer is the same person.
  const commenterRule = commenterRuleLookup((keys, now) => findCommenterRule(client, keys, now))
  const spamCheck: PipelineStages['spamCheck'] = (context, flags) => akismetSpamCheck(context, flags)
  built = {
    newComment: {
      requestGates,
      submissionGates: [rateLimit, commentsOpenGate, replyTargetGate((id) => findApprovedComment(client, id))],
      commenterRule,
      checks,
      spamCheck,
    },
    edit: {requestGates, submissionGates: [rateLimit, commentsOpenGate], commenterRule, checks: checks.filter((check) => check !== fillTime), spamCheck},
  }
  return built
}

export function requestFacts(request: Request, clientAddress: string): RequestFacts {
  const header = (name: string) => request.headers.get(name) ?? undefined
  return {
    clientAddress,
    userAgent: header('User-Agent') ?? '',
    referrer: header('Referer'),
    origin: header('Origin'),
    secFetchSite: header('Sec-Fetch-Site'),
    language: header('Accept-Language'),
  }
}
