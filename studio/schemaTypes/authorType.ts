import {UserIcon} from '@sanity/icons/User'
import {defineField, defineType} from 'sanity'
import {importedFromField} from './fields/importedFromField'
import {imageAltField} from './fields/imageAltField'
import {DOCUMENT_TYPES} from '../../contract/documents'

export const authorType = defineType({
  name: DOCUMENT_TYPES.author,
  title: 'Author',
  type: 'document',
  icon: UserIcon,
  fields: [
    defineField({
      name: 'name',
      title: 'Name',
      type: 'string',
      description: 'As it appears in the byline, e.g. "Dr. Jami Wilder"',
      validation: (rule) => [
        rule.required().error('Enter the author’s name as readers should see it.'),
        rule.max(80).error('Shorten the name to 80 characters or fewer.'),
      ],
    }),
    defineField({
      name: 'slug',
      title: 'Address of the author page',
      type: 'slug',
      description: 'Press “Generate” to make it from the name.',
      options: {source: 'name', maxLength: 96},
      validation: (rule) => rule.required().error('Press “Generate” to make the address from the name.'),
    }),
    defineField({
      name: 'credentials',
      title: 'Credentials',
      type: 'string',
      description: 'Degrees and licences, e.g. "Psy.D." or "LMFT"',
      validation: (rule) => rule.max(60).error('Keep the credentials to 60 characters or fewer.'),
    }),
    defineField({
      name: 'role',
      title: 'Role',
      type: 'string',
      description: 'What the author does at the practice, e.g. "Co-owner and clinical psychologist"',
      validation: (rule) => rule.max(100).error('Keep the role to 100 characters or fewer.'),
    }),
    defineField({
      name: 'practice',
      title: 'Practice',
      type: 'string',
      description: 'Only if it differs from the blog’s own practice, e.g. for a guest author.',
      validation: (rule) => rule.max(120).error('Keep the practice name to 120 characters or fewer.'),
    }),
    defineField({
      name: 'bio',
      title: 'Author note',
      type: 'text',
      rows: 3,
      description: 'Shown at the end of every post by this author.',
      validation: (rule) => rule.max(500).warning('Keep the note short: readers see it under every post.'),
    }),
    defineField({
      name: 'photo',
      title: 'Photo',
      type: 'image',
      options: {hotspot: true},
      fields: [
        imageAltField({
          example: 'e.g. “Portrait of Dr. Jami Wilder”',
          missing: 'Describe the photo for readers who cannot see it.',
        }),
      ],
    }),
    importedFromField,
  ],
  preview: {
    select: {name: 'name', credentials: 'credentials', role: 'role', media: 'photo'},
    prepare: ({name, credentials, role, media}) => ({
      title: [name, credentials].filter(Boolean).join(', '),
      subtitle: role,
      media,
    }),
  },
})
