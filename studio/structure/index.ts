import {CogIcon} from '@sanity/icons/Cog'
import {CommentIcon} from '@sanity/icons/Comment'
import {map} from 'rxjs'
import type {StructureBuilder, StructureResolver} from 'sanity/structure'
import {DOCUMENT_TYPES, SITE_SETTINGS_ID} from '../../contract/documents'
import {COMMENT_STATUS_OPTIONS} from '../schemaTypes/commentType'
import {pendingCommentCount, withCount} from './pendingCount'

/** Types edited only through this structure (or written by the site's server), never created. */
export const NOT_CREATABLE_TYPES: readonly string[] = [DOCUMENT_TYPES.siteSettings, DOCUMENT_TYPES.comment, DOCUMENT_TYPES.commentAudit]

export const COMMENT_LIST_FILTER = '_type == "comment" && status == $status'

/** One list per moderation status, in the order a moderator works through them. */
export const COMMENT_LISTS = COMMENT_STATUS_OPTIONS.map(({title, value}) => ({
  id: `comments-${value}`,
  title,
  params: {status: value},
}))

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

/** The Comments pane: one list per status, the Pending one titled with how many wait, and the log. */
function commentsPane(S: StructureBuilder, pendingCount: number) {
  return S.list()
    .id('comments')
    .title('Comments')
    .items([
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
        .child(() => pendingCommentCount(context.documentStore).pipe(map((count) => commentsPane(S, count)))),
      S.divider(),
      S.listItem()
        .id(SITE_SETTINGS_ID)
        .title('Site settings')
        .icon(CogIcon)
        .child(S.document().schemaType(DOCUMENT_TYPES.siteSettings).documentId(SITE_SETTINGS_ID)),
    ])
