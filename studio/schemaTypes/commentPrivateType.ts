import {LockIcon} from '@sanity/icons/Lock'
import {defineField, defineType} from 'sanity'
import {COMMENT_PRIVATE_ID_PREFIX, DOCUMENT_TYPES} from '../../contract/documents'
import {importedFromField} from './fields/importedFromField'

/**
 * What we know about a commenter that must never be public: their email and a keyed hash of
 * their network address. Each document's id is `comment-private.<commentId>`: ids with a dot
 * path are private in Sanity's Content Lake and in the local lake, so token-less readers
 * (the site, the public API) can never fetch them, whatever the query. The site's server
 * writes these alongside the comment; the raw network address is never stored, only the
 * hash, which is enough to recognise a returning commenter or a flood from one place.
 */
export const commentPrivateType = defineType({
  name: DOCUMENT_TYPES.commentPrivate,
  title: 'Commenter’s private details',
  type: 'document',
  icon: LockIcon,
  readOnly: true,
  fields: [
    defineField({
      name: 'comment',
      title: 'Comment',
      type: 'reference',
      to: [{type: DOCUMENT_TYPES.comment}],
      // Weak, so that deleting a comment is not blocked by its own private record (the
      // server deletes both together).
      weak: true,
      validation: (rule) => rule.required().error('These details must belong to a comment.'),
    }),
    defineField({
      name: 'email',
      title: 'Email',
      type: 'string',
      validation: (rule) => rule.email().error('This is not a valid email address.'),
    }),
    defineField({
      name: 'networkAddressHash',
      title: 'Network address (keyed hash)',
      type: 'string',
      description: 'Not the address itself: a fingerprint that matches only the same address.',
    }),
    importedFromField,
  ],
  validation: (rule) =>
    rule.custom((document) => {
      const id = document?._id.replace(/^drafts\./, '')
      return id === undefined || id.startsWith(COMMENT_PRIVATE_ID_PREFIX)
        ? true
        : `These details would be public: their id must start with "${COMMENT_PRIVATE_ID_PREFIX}".`
    }),
  preview: {
    select: {email: 'email', authorName: 'comment.authorName'},
    prepare: ({email, authorName}) => ({title: authorName || 'Commenter', subtitle: email}),
  },
})
