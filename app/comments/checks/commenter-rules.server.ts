import {commenterKeys} from '../../../contract/commenter-rules'
import {hashNetworkPrefix} from '~/security/network-address.server'
import type {CheckContext, CommenterVerdict} from '../comment-pipeline.server'

/**
 * Finds a moderator's ban or trust of whoever sends this comment: by their signed-in account,
 * their email, or their network (decision 0235). The pipeline stores a banned commenter's
 * comment as spam and lets a trusted one skip the ordinary holds, never the safety ones.
 */
export function commenterRuleLookup(find: (keys: string[], now: Date) => Promise<CommenterVerdict | null>) {
  return async ({submission, request, now}: CheckContext): Promise<CommenterVerdict | null> => {
    const keys = await commenterKeys({
      provider: submission.identity?.provider ?? 'guest',
      providerAccountId: submission.identity?.accountId,
      email: submission.email,
      networkPrefixHash: hashNetworkPrefix(request.clientAddress),
    })
    return find(keys, now)
  }
}
