import {authorType} from './authorType'
import {blockContentType} from './blockContentType'
import {categoryType} from './categoryType'
import {commentAuditType} from './commentAuditType'
import {commenterRuleType} from './commenterRuleType'
import {commentType} from './commentType'
import {pageType} from './pageType'
import {postType} from './postType'
import {siteSettingsType} from './siteSettingsType'
import {tagType} from './tagType'

export const schemaTypes = [
  postType,
  pageType,
  authorType,
  categoryType,
  tagType,
  blockContentType,
  siteSettingsType,
  commentType,
  commentAuditType,
  commenterRuleType,
]
