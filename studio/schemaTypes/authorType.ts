import {UserIcon} from '@sanity/icons'
import {defineField, defineType} from 'sanity'

export const authorType = defineType({
  name: 'author',
  title: 'Author',
  type: 'document',
  icon: UserIcon,
  fields: [
    defineField({
      name: 'name',
      title: 'Name',
      type: 'string',
      description: 'As it appears in the byline, e.g. "Dr. Jami Wilder"',
      validation: (rule) => rule.required().max(80),
    }),
    defineField({
      name: 'slug',
      title: 'Address of the author page',
      type: 'slug',
      options: {source: 'name', maxLength: 96},
      validation: (rule) => rule.required(),
    }),
    defineField({
      name: 'credentials',
      title: 'Credentials',
      type: 'string',
      description: 'Degrees and licences, e.g. "Psy.D." or "LMFT"',
      validation: (rule) => rule.max(60),
    }),
    defineField({
      name: 'bio',
      title: 'Author note',
      type: 'text',
      rows: 3,
      description: 'Shown at the end of every post by this author.',
      validation: (rule) => rule.max(500).warning('Keep the note short: readers see it under every post.'),
    }),
  ],
  preview: {
    select: {title: 'name', subtitle: 'credentials'},
  },
})
