import {CogIcon} from '@sanity/icons/Cog'
import {CommentIcon} from '@sanity/icons/Comment'
import {combineLatest, map} from 'rxjs'
import type {StructureBuilder, StructureResolver} from 'sanity/structure'
import {DOCUMENT_TYPES, SITE_SETTINGS_ID} from '../../contract/documents'
import {COMMENT_STATUS_OPTIONS} from '../schemaTypes/commentType'
import {NEEDS_CARE_FILTER, NEEDS_CARE_PARAMS, needsCareCommentCount, pendingCommentCount, withCount} from './pendingCount'

/** Types edited only through this structure (or written by the site's server), never created. */
export const NOT_CREATABLE_TYPES: readonly string[] = [
  DOCUMENT_TYPES.siteSettings,
  DOCUMENT_TYPES.comment,
  DOCUMENT_TYPES.commentAudit,
  DOCUMENT_TYPES.commenterRule,
]

export const COMMENT_LIST_FILTER = '_type == "comment" && status == $status'

/** One list per moderation status, in the order a moderator works through them. */
export const COMMENT_LISTS = COMMENT_STATUS_OPTIONS.map(({title, value}) => ({
  id: `comments-${value}`,
  title,
  params: {status: value},
}))

/** Pending comments from readers who may be in crisis: first, so nobody waits behind the rest. */
export const NEEDS_CARE_LIST = {id: 'comments-needs-care', title: 'Needs care'}

function needsCareList(S: StructureBuilder, count: number) {
  return S.listItem()
    .id(NEEDS_CARE_LIST.id)
    .title(withCount(NEEDS_CARE_LIST.title, count))
    .schemaType(DOCUMENT_TYPES.comment)
    .child(
      S.documentList()
        .id(NEEDS_CARE_LIST.id)
        .title('Comments that need care')
        .schemaType(DOCUMENT_TYPES.comment)
        .apiVersion('2025-02-19')
        .filter(NEEDS_CARE_FILTER)
        .params(NEEDS_CARE_PARAMS)
        // Oldest first: the reader who has waited longest is answered first.
        .defaultOrdering([{field: 'submittedAt', direction: 'asc'}])
        .initialValueTemplates([]),
    )
}

/** Moderators' bans and trusts of commenters, newest first (decision 0235); made from a comment, edited or deleted here. */
export const COMMENTER_RULES_LIST = {id: 'commenter-rules', title: 'Banned & trusted'}

function commenterRulesItem(S: StructureBuilder) {
  return S.listItem()
    .id(COMMENTER_RULES_LIST.id)
    .title(COMMENTER_RULES_LIST.title)
    .schemaType(DOCUMENT_TYPES.commenterRule)
    .child(
      S.documentList()
        .id(COMMENTER_RULES_LIST.id)
        .title('Banned and trusted commenters')
        .schemaType(DOCUMENT_TYPES.commenterRule)
        .apiVersion('2025-02-19')
        .filter('_type == $type')
        .params({type: DOCUMENT_TYPES.commenterRule})
        .defaultOrdering([{field: 'createdAt', direction: 'desc'}])
        // Made with "Ban author…" or "Trust author…" on a comment, which knows what to match.
        .initialValueTemplates([]),
    )
}

/** Every moderation decision, newest first (decision 0201). */
function moderationLogItem(S: StructureBuilder) {
  return S.listItem()
    .id('moderation-log')
    .title('Moderation log')
    .schemaType(DOCUMENT_TYPES.commentAudit)
    .child(
      S.documentList()
        .id('moderation-log')
        .title('Moderation log')
        .schemaType(DOCUMENT_TYPES.commentAudit)
        .apiVersion('2025-02-19')
        .filter('_type == $type')
        .params({type: DOCUMENT_TYPES.commentAudit})
        .defaultOrdering([{field: 'at', direction: 'desc'}])
        .initialValueTemplates([]),
    )
}

/**
 * The Comments pane: Needs care first, then one list per status (Needs care and Pending titled
 * with how many wait), and the log.
 */
function commentsPane(S: StructureBuilder, pendingCount: number, needsCareCount: number) {
  return S.list()
    .id('comments')
    .title('Comments')
    .items([
      needsCareList(S, needsCareCount),
      ...COMMENT_LISTS.map((list) =>
        S.listItem()
          .id(list.id)
          .title(list.params.status === 'pending' ? withCount(list.title, pendingCount) : list.title)
          .schemaType(DOCUMENT_TYPES.comment)
          .child(
            S.documentList()
              .id(list.id)
              .title(`${list.title} comments`)
              .schemaType(DOCUMENT_TYPES.comment)
              .apiVersion('2025-02-19')
              .filter(COMMENT_LIST_FILTER)
              .params(list.params)
              .defaultOrdering([{field: 'submittedAt', direction: 'desc'}])
              // Comments come from readers through the site's server, not from here.
              .initialValueTemplates([]),
          ),
      ),
      S.divider(),
      commenterRulesItem(S),
      moderationLogItem(S),
    ])
}

export const structure: StructureResolver = (S, context) =>
  S.list()
    .title('Content')
    .items([
      // The types' own titles ("Post", "Author", "Category"), as in Studio's default structure.
      S.documentTypeListItem(DOCUMENT_TYPES.post),
      S.documentTypeListItem(DOCUMENT_TYPES.author),
      S.documentTypeListItem(DOCUMENT_TYPES.category),
      S.documentTypeListItem(DOCUMENT_TYPES.tag),
      S.divider(),
      S.listItem()
        .id('comments')
        .title('Comments')
        .icon(CommentIcon)
        // An Observable child (Sanity's dynamic structure): the pane is rebuilt with the new
        // count whenever a comment changes, while the list opened inside it stays open.
        .child(() =>
          combineLatest([pendingCommentCount(context.documentStore), needsCareCommentCount(context.documentStore)]).pipe(
            map(([pending, needsCare]) => commentsPane(S, pending, needsCare)),
          ),
        ),
      S.divider(),
      S.listItem()
        .id(SITE_SETTINGS_ID)
        .title('Site settings')
        .icon(CogIcon)
        .child(S.document().schemaType(DOCUMENT_TYPES.siteSettings).documentId(SITE_SETTINGS_ID)),
    ])
