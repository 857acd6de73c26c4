import {DocumentTextIcon} from '@sanity/icons/DocumentText'
import {defineArrayMember, defineField, defineType} from 'sanity'
import {addressField} from './fields/addressField'
import {imageAltField} from './fields/imageAltField'
import {importedFromField} from './fields/importedFromField'
import {legacyPathsField} from './fields/legacyPathsField'
import {DOCUMENT_TYPES} from '../../contract/documents'
import {CONTENT_NOTE_DEFAULT} from '../../contract/reader-notices'

// WordPress served a post at /YYYY/MM/DD/slug/ (pretty links) or at /?p=123 (plain links).
const WORDPRESS_PRETTY_PATH = /^\/\d{4}\/\d{2}\/\d{2}\/[^\s/?#]+\/?$/
const WORDPRESS_PLAIN_PATH = /^\/?\?p=\d+$/

export function checkLegacyPath(value: string | undefined): true | string {
  if (value === undefined) return true
  if (/^[a-z]+:\/\//i.test(value) || value.startsWith('//')) {
    return 'Leave out the “https://” and the site name: enter only what follows, e.g. /2013/07/25/my-post/'
  }
  if (WORDPRESS_PRETTY_PATH.test(value) || WORDPRESS_PLAIN_PATH.test(value)) return true
  return 'Enter the old WordPress address as /year/month/day/post-name/ (e.g. /2013/07/25/my-post/) ' + 'or as ?p= and the post number (e.g. ?p=123)'
}

export const postType = defineType({
  name: DOCUMENT_TYPES.post,
  title: 'Post',
  type: 'document',
  icon: DocumentTextIcon,
  groups: [
    {name: 'content', title: 'Content', default: true},
    {name: 'details', title: 'Details'},
  ],
  fields: [
    defineField({
      name: 'title',
      title: 'Title',
      type: 'string',
      group: 'content',
      validation: (rule) => [
        rule.required().error('Give the post a title.'),
        rule.max(160).error('Shorten the title to 160 characters or fewer.'),
        rule.max(70).warning('Titles over 70 characters are cut short in search results.'),
      ],
    }),
    // Unique among posts because the site looks a post up by this value alone.
    addressField({
      group: 'content',
      description: 'The last part of the post’s web address. Press “Generate” to make it from the title.',
      missing: 'Press “Generate” to make the address from the title.',
    }),
    defineField({
      name: 'publishedAt',
      title: 'Published',
      type: 'datetime',
      group: 'content',
      description: 'The date in the post’s address (/year/month/day/address/) comes from this.',
      initialValue: () => new Date().toISOString(),
      validation: (rule) => rule.required().error('Choose the publication date: the post’s address contains it.'),
    }),
    defineField({
      name: 'author',
      title: 'Author',
      type: 'reference',
      group: 'content',
      to: [{type: 'author'}],
      validation: (rule) => rule.required().error('Choose who wrote the post: readers see the author note under it.'),
    }),
    defineField({
      name: 'mainImage',
      title: 'Main image',
      type: 'image',
      group: 'content',
      description: 'Shown at the top of the post and when it is shared. Optional.',
      options: {hotspot: true},
      fields: [
        imageAltField({
          example: 'Say what the image shows, e.g. “A couple talking on a park bench”.',
          missing: 'Describe the image for readers who cannot see it.',
        }),
      ],
    }),
    defineField({
      name: 'excerpt',
      title: 'Excerpt',
      type: 'text',
      rows: 3,
      group: 'content',
      description: 'A sentence or two for the home page and search results. Left empty, the start of the post is used.',
      validation: (rule) => rule.max(300).error('Keep the excerpt to 300 characters or fewer.'),
    }),
    defineField({
      name: 'body',
      title: 'Body',
      type: 'blockContent',
      group: 'content',
      validation: (rule) => rule.required().error('Write the post before publishing it.'),
    }),
    defineField({
      name: 'categories',
      title: 'Categories',
      type: 'array',
      group: 'details',
      description: 'The broad subjects the post belongs to.',
      of: [defineArrayMember({type: 'reference', to: [{type: 'category'}]})],
      validation: (rule) => rule.unique().error('Each category only needs to be chosen once.'),
    }),
    defineField({
      name: 'tags',
      title: 'Tags',
      type: 'array',
      group: 'details',
      description: 'Keywords, typed freely. Press Enter after each one.',
      of: [defineArrayMember({type: 'string'})],
      options: {layout: 'tags'},
      validation: (rule) => rule.unique().error('This tag is already in the list.'),
    }),
    defineField({
      name: 'commentsOpen',
      title: 'Comments open',
      type: 'boolean',
      group: 'details',
      description: 'Turn off to stop new comments on this post. Comments already approved stay visible.',
      initialValue: true,
    }),
    defineField({
      name: 'sensitiveTopic',
      title: 'Sensitive topic',
      type: 'boolean',
      group: 'details',
      description:
        'Turn on for posts about suicide, self-harm, abuse or similar: a content note is shown above the post, help lines above the comment form, and every comment waits for approval.',
      initialValue: false,
    }),
    defineField({
      name: 'contentNote',
      title: 'Content note',
      type: 'text',
      rows: 3,
      group: 'details',
      description: `Shown above a sensitive post. Left empty, readers see: “${CONTENT_NOTE_DEFAULT}”`,
      hidden: ({document}) => (document as {sensitiveTopic?: boolean} | undefined)?.sensitiveTopic !== true,
      validation: (rule) => rule.max(300).error('Keep the content note to 300 characters or fewer.'),
    }),
    defineField({
      name: 'legacyPath',
      title: 'Old WordPress address',
      type: 'string',
      group: 'details',
      description: 'Only for posts moved from WordPress: the address it had there, e.g. /2013/07/25/my-post/ ' + 'or ?p=123, so old links still find it.',
      validation: (rule) => rule.custom(checkLegacyPath),
    }),
    legacyPathsField,
    defineField({
      name: 'sticky',
      title: 'Sticky',
      type: 'boolean',
      group: 'details',
      description: 'Kept from WordPress: the post was pinned to the top of the blog there.',
      hidden: ({value}) => value !== true,
    }),
    importedFromField,
  ],
  orderings: [{title: 'Newest first', name: 'publishedAtDesc', by: [{field: 'publishedAt', direction: 'desc'}]}],
  preview: {
    select: {title: 'title', author: 'author.name', publishedAt: 'publishedAt', media: 'mainImage'},
    prepare({title, author, publishedAt, media}) {
      const date = typeof publishedAt === 'string' ? publishedAt.slice(0, 10) : 'no date yet'
      return {title, subtitle: [author, date].filter(Boolean).join(' · '), media}
    },
  },
})
