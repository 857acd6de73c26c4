import {CheckmarkCircleIcon} from '@sanity/icons/CheckmarkCircle'
import type {Tool} from 'sanity'
import {CommentModeration} from './CommentModeration'

/**
 * Studio › Moderation (/moderation): a tool of its own, beside Structure, because Studio's
 * document lists choose one document at a time (decision 0238).
 */
export const commentModerationTool: Tool = {
  name: 'moderation',
  title: 'Moderation',
  icon: CheckmarkCircleIcon,
  component: CommentModeration,
}
