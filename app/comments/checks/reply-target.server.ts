import type {CheckContext, Gate} from '../comment-pipeline.server'

/** A reply must answer a published comment on the same post. */
export function replyTargetGate(findApprovedComment: (id: string) => Promise<{postId: string} | null>): Gate<CheckContext> {
  return {
    name: 'reply-target',
    run: async ({submission, post}) => {
      if (!submission.parentId) return null
      const parent = await findApprovedComment(submission.parentId)
      return parent && parent.postId === post._id
        ? null
        : {
            status: 400,
            message: 'The comment you are replying to is no longer here.',
            fieldErrors: {parentId: 'The comment you are replying to is no longer here. Post your text as a new comment instead.'},
          }
    },
  }
}
