import {TagIcon} from '@sanity/icons/Tag'
import {defineField, defineType} from 'sanity'
import {importedFromField} from './fields/importedFromField'
import {DOCUMENT_TYPES} from '../../contract/documents'

export const categoryType = defineType({
  name: DOCUMENT_TYPES.category,
  title: 'Category',
  type: 'document',
  icon: TagIcon,
  fields: [
    defineField({
      name: 'title',
      title: 'Title',
      type: 'string',
      description: 'A broad subject, e.g. "Sexual Health" or "Anxiety"',
      validation: (rule) => [rule.required().error('Give the category a name.'), rule.max(60).error('Shorten the name to 60 characters or fewer.')],
    }),
    defineField({
      name: 'slug',
      title: 'Address of the category page',
      type: 'slug',
      description: 'Press “Generate” to make it from the title.',
      options: {source: 'title', maxLength: 96},
      validation: (rule) => rule.required().error('Press “Generate” to make the address from the title.'),
    }),
    defineField({
      name: 'description',
      title: 'Description',
      type: 'text',
      rows: 2,
      description: 'A sentence introducing the subject on its page. Optional.',
      validation: (rule) => rule.max(300).error('Keep the description to 300 characters or fewer.'),
    }),
    defineField({
      name: 'parent',
      title: 'Parent category',
      type: 'reference',
      to: [{type: 'category'}],
      weak: true,
      description: 'Optional: a broader category this one belongs under, shown above it on its page.',
      validation: (rule) =>
        rule.custom((parent, context) =>
          parent?._ref && parent._ref === context.document?._id.replace(/^drafts\./, '') ? 'A category cannot be its own parent.' : true,
        ),
    }),
    importedFromField,
  ],
  preview: {
    select: {title: 'title', description: 'description'},
    prepare: ({title, description}) => ({title, subtitle: description}),
  },
})
