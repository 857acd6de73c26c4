import {careRepliesAction} from './careReplies'
import {COMMENT_STATUS_ACTIONS} from './commentModeration'
import {createStatusAction} from './createStatusAction'
import {redactPersonalDetailsAction} from './redactPersonalDetails'

export const commentStatusActions = COMMENT_STATUS_ACTIONS.map(createStatusAction)

/** Issue #13: answering a comment that needs care, and taking personal details out of a held one. */
export const commentCareActions = [careRepliesAction, redactPersonalDetailsAction]
