import {TagsIcon} from '@sanity/icons/Tags'
import {defineField, defineType} from 'sanity'
import {importedFromField} from './fields/importedFromField'
import {DOCUMENT_TYPES} from '../../contract/documents'

/**
 * A tag's own page text. Posts keep their tags as words (what the tag archive, feeds and the
 * post form use); this document adds what WordPress kept beside a tag: its address and a
 * description shown on its archive. A tag without one here still works.
 */
export const tagType = defineType({
  name: DOCUMENT_TYPES.tag,
  title: 'Tag',
  type: 'document',
  icon: TagsIcon,
  fields: [
    defineField({
      name: 'title',
      title: 'Tag',
      type: 'string',
      description: 'Exactly as it is written on posts, e.g. "Breathing".',
      validation: (rule) => [rule.required().error('Write the tag as it appears on posts.'), rule.max(60).error('Shorten the tag to 60 characters or fewer.')],
    }),
    defineField({
      name: 'slug',
      title: 'Address of the tag page',
      type: 'slug',
      description: 'Press “Generate” to make it from the tag.',
      options: {source: 'title', maxLength: 96},
      validation: (rule) => rule.required().error('Press “Generate” to make the address from the tag.'),
    }),
    defineField({
      name: 'description',
      title: 'Description',
      type: 'text',
      rows: 2,
      description: 'A sentence shown at the top of the tag’s page. Optional.',
      validation: (rule) => rule.max(300).error('Keep the description to 300 characters or fewer.'),
    }),
    importedFromField,
  ],
  preview: {
    select: {title: 'title', description: 'description'},
    prepare: ({title, description}) => ({title, subtitle: description}),
  },
})
