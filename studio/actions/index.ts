import {careRepliesAction} from './careReplies'
import {clearReportsAction} from './clearReports'
import {createCommenterRuleAction} from './commenterRules'
import {COMMENT_STATUS_ACTIONS} from './commentModeration'
import {createStatusAction} from './createStatusAction'
import {redactPersonalDetailsAction} from './redactPersonalDetails'

export const commentStatusActions = COMMENT_STATUS_ACTIONS.map(createStatusAction)

/** Issue #13: answering a comment that needs care, and taking personal details out of a held one. */
export const commentCareActions = [careRepliesAction, redactPersonalDetailsAction]

/** Issue #19: ban or trust a comment's author (decision 0235), and clear readers' reports (decision 0237). */
export const commenterActions = [createCommenterRuleAction('ban'), createCommenterRuleAction('trust'), clearReportsAction]
