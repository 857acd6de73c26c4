import {DocumentIcon} from '@sanity/icons/Document'
import {defineField, defineType} from 'sanity'
import {addressField} from './fields/addressField'
import {imageAltField} from './fields/imageAltField'
import {importedFromField} from './fields/importedFromField'
import {legacyPathsField} from './fields/legacyPathsField'
import {DOCUMENT_TYPES} from '../../contract/documents'

/**
 * A page outside the blog's stream ("About", "Fees", "Contact"), at its own address as on
 * WordPress: /about/, or /about/team/ under a parent page.
 */
export const pageType = defineType({
  name: DOCUMENT_TYPES.page,
  title: 'Page',
  type: 'document',
  icon: DocumentIcon,
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
      validation: (rule) => [rule.required().error('Give the page a title.'), rule.max(160).error('Shorten the title to 160 characters or fewer.')],
    }),
    addressField({
      group: 'content',
      description: 'The last part of the page’s web address. Press “Generate” to make it from the title.',
      missing: 'Press “Generate” to make the address from the title.',
    }),
    defineField({
      name: 'parent',
      title: 'Parent page',
      type: 'reference',
      group: 'content',
      to: [{type: 'page'}],
      weak: true,
      description: 'Optional: the page this one sits under; its address starts with the parent’s.',
    }),
    defineField({
      name: 'publishedAt',
      title: 'Published',
      type: 'datetime',
      group: 'details',
    }),
    defineField({
      name: 'mainImage',
      title: 'Main image',
      type: 'image',
      group: 'content',
      options: {hotspot: true},
      fields: [
        imageAltField({
          example: 'Say what the image shows, e.g. “The practice’s waiting room”.',
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
      description: 'A sentence or two for search results. Optional.',
    }),
    defineField({
      name: 'body',
      title: 'Body',
      type: 'blockContent',
      group: 'content',
    }),
    defineField({
      name: 'commentsOpen',
      title: 'Comments open',
      type: 'boolean',
      group: 'details',
      description: 'Whether the page took comments on WordPress.',
      initialValue: false,
    }),
    legacyPathsField,
    importedFromField,
  ],
  preview: {
    select: {title: 'title', slug: 'slug.current', parent: 'parent.slug.current'},
    prepare: ({title, slug, parent}) => ({title, subtitle: `/${[parent, slug].filter(Boolean).join('/')}/`}),
  },
})
