import {COMMENT_STATUS_ACTIONS} from './commentModeration'
import {createStatusAction} from './createStatusAction'

export const commentStatusActions = COMMENT_STATUS_ACTIONS.map(createStatusAction)
