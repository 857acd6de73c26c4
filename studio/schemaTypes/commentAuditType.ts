import {DocumentTextIcon} from '@sanity/icons/DocumentText'
import {defineField, defineType} from 'sanity'
import {ACTOR_KINDS} from '../../contract/comment-record'
import {DOCUMENT_TYPES} from '../../contract/documents'
import {entryText} from './moderationLogText'

/**
 * One moderation decision (decision 0201): written with the status change itself, by the site
 * or by Studio's status actions, and never changed after. Private (`comment-audit.<uuid>`).
 */
export const commentAuditType = defineType({
  name: DOCUMENT_TYPES.commentAudit,
  title: 'Moderation log entry',
  type: 'document',
  icon: DocumentTextIcon,
  readOnly: true,
  fields: [
    defineField({name: 'comment', title: 'Comment', type: 'reference', to: [{type: DOCUMENT_TYPES.comment}], weak: true}),
    defineField({name: 'from', title: 'From', type: 'string'}),
    defineField({name: 'to', title: 'To', type: 'string'}),
    defineField({name: 'at', title: 'When', type: 'datetime'}),
    defineField({
      name: 'who',
      title: 'Who',
      type: 'object',
      // The same object names the actor kind's own fields; only some apply to each kind.
      fields: [
        defineField({name: 'kind', title: 'Kind', type: 'string', options: {list: [...ACTOR_KINDS]}}),
        ...['name', 'userId', 'provider', 'accountId', 'address', 'task', 'action'].map((name) => defineField({name, type: 'string'})),
      ],
    }),
    defineField({name: 'why', title: 'Why', type: 'string'}),
  ],
  orderings: [{title: 'Newest first', name: 'atDesc', by: [{field: 'at', direction: 'desc'}]}],
  preview: {
    select: {from: 'from', to: 'to', who: 'who', at: 'at', comment: 'comment.authorName'},
    prepare: ({from, to, who, at, comment}) => ({
      title: entryText({from, to, who}),
      subtitle: [comment && `comment by ${comment}`, at && new Date(at).toLocaleString()].filter(Boolean).join(' · '),
    }),
  },
})
