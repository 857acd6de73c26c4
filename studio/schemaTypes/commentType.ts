import {CommentIcon} from '@sanity/icons/Comment'
import {defineArrayMember, defineField, defineType} from 'sanity'
import {REPORT_REASON_TITLES, REPORT_REASONS, type ReportReason} from '../../contract/comment-reports'
import {COMMENT_STATUSES, SPAM_VERDICTS} from '../../contract/comments'
import {COMMENT_RECORD_ID_PREFIX, DOCUMENT_TYPES} from '../../contract/documents'
import {COMMENT_PROVIDERS} from '../../contract/identity'
import {importedFromField} from './fields/importedFromField'
import {optionList} from './fields/optionList'
import {ModerationLog} from './ModerationLog'

export const COMMENT_STATUS_OPTIONS = optionList(COMMENT_STATUSES, {
  pending: 'Pending',
  approved: 'Approved',
  spam: 'Spam',
  trash: 'Trash',
})

const COMMENT_PROVIDER_OPTIONS = optionList(COMMENT_PROVIDERS, {
  guest: 'Guest (name and email)',
  wordpress: 'WordPress.com',
  x: 'X (Twitter)',
  facebook: 'Facebook',
  google: 'Google',
  github: 'GitHub',
})

const REPORT_REASON_OPTIONS = optionList(REPORT_REASONS, REPORT_REASON_TITLES)

const SPAM_VERDICT_OPTIONS = optionList(SPAM_VERDICTS, {
  ham: 'Not spam',
  spam: 'Spam',
  blatant: 'Blatant spam',
  unchecked: 'Not checked (the spam check was unavailable)',
})

/** The site's own bookkeeping on a record: never edited, never shown, but known to the schema. */
const BOOKKEEPING_FIELDS = [
  'akismetCheck',
  'akismetReported',
  'akismetReportedAt',
  'moderatorsNotifiedAt',
  'approvalNotifiedAt',
  'replyNotifiedAt',
  'approveLinkUsedAt',
  'spamLinkUsedAt',
  'trashLinkUsedAt',
].map((name) => defineField({name, type: 'string', readOnly: true, hidden: true}))

/**
 * A reader's comment on a post: its record, with everything about it, the commenter's email and
 * a keyed hash of their network address included. Its id is `comment-private.<commentId>`: an
 * id with a dot, which token-less readers (the public API, the site's pages) can never fetch.
 * What readers see of an approved comment is its public copy (`publicComment`, id
 * `<commentId>`), made from this record by the status actions and the site (decision 0200).
 * The site's server writes comments; moderators change their status, and may edit the text
 * (a redaction, say) before approving.
 */
export const commentType = defineType({
  name: DOCUMENT_TYPES.comment,
  title: 'Comment',
  type: 'document',
  icon: CommentIcon,
  fieldsets: [{name: 'private', title: 'Private: never public', options: {collapsible: true, collapsed: true}}],
  fields: [
    defineField({
      name: 'status',
      title: 'Status',
      type: 'string',
      description: 'Only approved comments are shown on the site.',
      options: {list: COMMENT_STATUS_OPTIONS, layout: 'radio', direction: 'horizontal'},
      initialValue: 'pending',
      validation: (rule) => rule.required().error('Choose a status: pending, approved, spam or trash.'),
    }),
    defineField({
      name: 'post',
      title: 'Post',
      type: 'reference',
      to: [{type: DOCUMENT_TYPES.post}],
      // The site writes weak references (a post or parent can be deleted or erased without
      // first deleting every comment on it); strong ones here would flag each comment.
      weak: true,
      validation: (rule) => rule.required().error('Choose the post this comment belongs to.'),
    }),
    defineField({
      name: 'parent',
      title: 'In reply to',
      type: 'reference',
      to: [{type: DOCUMENT_TYPES.comment}],
      weak: true,
      description: 'The comment this one answers, if it is a reply.',
      options: {
        // Offer only comments on the same post, and never the comment itself.
        filter: ({document}) => {
          const post = (document.post as {_ref?: string} | undefined)?._ref
          const self = document._id.replace(/^drafts\./, '')
          return {
            filter: '(!defined($post) || post._ref == $post) && !(_id in [$self, "drafts." + $self])',
            params: {post: post ?? null, self},
          }
        },
      },
      validation: (rule) =>
        rule.custom(async (parent, context) => {
          const parentId = (parent as {_ref?: string} | undefined)?._ref
          const post = (context.document?.post as {_ref?: string} | undefined)?._ref
          if (!parentId || !post) return true
          const parentPost = await context.getClient({apiVersion: '2025-02-19'}).fetch<string | null>('*[_id == $id][0].post._ref', {id: parentId})
          return parentPost === null || parentPost === post ? true : 'A reply must answer a comment on the same post.'
        }),
    }),
    defineField({
      name: 'authorName',
      title: 'Name',
      type: 'string',
      validation: (rule) => [
        rule.required().error('A comment needs the commenter’s name.'),
        rule.max(100).error('Shorten the name to 100 characters or fewer.'),
      ],
    }),
    defineField({
      name: 'authorWebsite',
      title: 'Website',
      type: 'url',
      validation: (rule) => rule.uri({scheme: ['http', 'https']}).error('Enter the full address, starting with https://'),
    }),
    defineField({
      name: 'provider',
      title: 'Signed in with',
      type: 'string',
      options: {list: COMMENT_PROVIDER_OPTIONS},
      initialValue: 'guest',
      readOnly: true,
      validation: (rule) => rule.required().error('Choose how the commenter identified themselves.'),
    }),
    defineField({
      name: 'providerAccountId',
      title: 'Account on that service',
      type: 'string',
      description: 'The commenter’s account id at the service they signed in with.',
      readOnly: true,
      fieldset: 'private',
      hidden: ({parent}) => (parent as {provider?: string} | undefined)?.provider === 'guest',
    }),
    defineField({
      name: 'body',
      title: 'Comment',
      type: 'text',
      rows: 6,
      validation: (rule) => [rule.required().error('A comment cannot be empty.'), rule.max(5000).error('Comments are limited to 5,000 characters.')],
    }),
    defineField({
      name: 'revisions',
      title: 'Earlier versions',
      description: 'The texts its writer replaced when editing it on the site, oldest first. Private: never on the public copy.',
      type: 'array',
      readOnly: true,
      hidden: ({value}) => !Array.isArray(value) || value.length === 0,
      of: [
        defineArrayMember({
          type: 'object',
          name: 'commentRevision',
          fields: [defineField({name: 'body', title: 'Text', type: 'text', rows: 4}), defineField({name: 'editedAt', title: 'Replaced', type: 'datetime'})],
          preview: {
            select: {body: 'body', editedAt: 'editedAt'},
            prepare: ({body, editedAt}) => ({
              title: typeof body === 'string' ? body : '',
              subtitle: editedAt ? `Replaced ${new Date(editedAt).toLocaleString()}` : undefined,
            }),
          },
        }),
      ],
    }),
    defineField({
      name: 'spamVerdict',
      title: 'Spam check',
      type: 'string',
      description: 'What the spam check said when the comment arrived.',
      options: {list: SPAM_VERDICT_OPTIONS},
      readOnly: true,
    }),
    defineField({
      name: 'spamReason',
      title: 'Why',
      type: 'string',
      description:
        'The spam check’s or the moderation rules’ reason, e.g. “3 links”. “Needs care” means the comment may come from someone in crisis; “Personal details” that it identifies or discloses someone’s health: edit the comment to remove them before approving.',
      readOnly: true,
    }),
    defineField({
      name: 'byPostAuthor',
      title: 'By the post’s author',
      type: 'boolean',
      description: 'Set by the site when the post’s author, logged in as a moderator who writes as that author, commented: shown with a “Post author” badge.',
      readOnly: true,
      hidden: ({value}) => value !== true,
    }),
    defineField({
      name: 'submittedAt',
      title: 'Submitted',
      type: 'datetime',
      readOnly: true,
      validation: (rule) => rule.required().error('A comment needs the time it was submitted.'),
    }),
    defineField({name: 'email', title: 'Email', type: 'string', readOnly: true, fieldset: 'private'}),
    defineField({
      name: 'networkAddressHash',
      title: 'Network address (keyed hash)',
      type: 'string',
      description: 'Not the address itself: a fingerprint that matches only the same address. Dropped a while after the comment is decided.',
      readOnly: true,
      fieldset: 'private',
    }),
    defineField({
      name: 'networkPrefixHash',
      title: 'Network (keyed hash)',
      type: 'string',
      description: 'A fingerprint of the neighbourhood of addresses the comment came from, for a ban or trust by network. Dropped with the address hash.',
      readOnly: true,
      fieldset: 'private',
    }),
    defineField({name: 'userAgent', title: 'Browser', type: 'string', readOnly: true, fieldset: 'private'}),
    defineField({name: 'notifyReplies', title: 'Wants emails about replies', type: 'boolean', readOnly: true, fieldset: 'private'}),
    defineField({name: 'notifyPosts', title: 'Wants emails about new posts', type: 'boolean', readOnly: true, fieldset: 'private'}),
    defineField({name: 'decidedAt', title: 'Status last changed', type: 'datetime', readOnly: true, fieldset: 'private'}),
    defineField({
      name: 'reportCount',
      title: 'Readers’ reports',
      type: 'number',
      description:
        'How many readers reported this comment (one per network). Enough of them hold it (Site settings › Comment moderation); “Clear reports” starts the count again.',
      readOnly: true,
      hidden: ({value}) => typeof value !== 'number' || value === 0,
    }),
    defineField({
      name: 'reports',
      title: 'Reports',
      type: 'array',
      readOnly: true,
      hidden: ({value}) => !Array.isArray(value) || value.length === 0,
      of: [
        defineArrayMember({
          type: 'object',
          name: 'report',
          fields: [
            defineField({name: 'reason', title: 'Reason', type: 'string', options: {list: REPORT_REASON_OPTIONS}}),
            defineField({name: 'at', title: 'When', type: 'datetime'}),
            // A keyed hash for this comment only: tells reporters' networks apart, identifies nobody.
            defineField({name: 'from', type: 'string', hidden: true}),
          ],
          preview: {
            select: {reason: 'reason', at: 'at'},
            prepare: ({reason, at}) => ({
              title: REPORT_REASON_TITLES[reason as ReportReason] ?? 'Reported',
              subtitle: typeof at === 'string' ? new Date(at).toLocaleString('en-US') : '',
            }),
          },
        }),
      ],
    }),
    defineField({
      name: 'moderationLog',
      title: 'Moderation log',
      description: 'Every change of status: who, when, from what to what, and why.',
      type: 'string',
      readOnly: true,
      components: {input: ModerationLog},
    }),
    ...BOOKKEEPING_FIELDS,
    importedFromField,
  ],
  validation: (rule) =>
    rule.custom((document) => {
      const id = document?._id.replace(/^drafts\./, '')
      return id === undefined || id.startsWith(COMMENT_RECORD_ID_PREFIX)
        ? true
        : `This comment would be public: its id must start with "${COMMENT_RECORD_ID_PREFIX}".`
    }),
  orderings: [{title: 'Newest first', name: 'submittedAtDesc', by: [{field: 'submittedAt', direction: 'desc'}]}],
  preview: {
    select: {body: 'body', authorName: 'authorName', postTitle: 'post.title', status: 'status'},
    prepare({body, authorName, postTitle, status}) {
      const text = typeof body === 'string' ? body.replace(/\s+/g, ' ').trim() : ''
      return {
        title: text.length > 80 ? `${text.slice(0, 79)}…` : text || '(empty comment)',
        subtitle: [authorName, postTitle && `on “${postTitle}”`, status].filter(Boolean).join(' · '),
      }
    },
  },
})
