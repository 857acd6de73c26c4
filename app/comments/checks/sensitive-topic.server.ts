import type {Check} from '../comment-pipeline.server'

export const SENSITIVE_TOPIC_REASON = 'Sensitive topic: every comment is held.'

/**
 * On a post its editor marked "sensitive topic", every comment waits for a person. A hold, not
 * more: a comment that is also spam or trash still goes there, and one that may come from a
 * reader in crisis is still "care" (decision 0207).
 */
export const sensitiveTopicCheck: Check = {
  name: 'sensitive-topic',
  run: ({post}) => (post.sensitiveTopic ? {outcome: 'hold', reason: SENSITIVE_TOPIC_REASON} : null),
}
