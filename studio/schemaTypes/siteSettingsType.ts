import {CogIcon} from '@sanity/icons'
import {defineField, defineType} from 'sanity'

/** One document (id `siteSettings`) for what is true of the whole blog. */
export const siteSettingsType = defineType({
  name: 'siteSettings',
  title: 'Site settings',
  type: 'document',
  icon: CogIcon,
  fields: [
    defineField({
      name: 'title',
      title: 'Blog title',
      type: 'string',
      validation: (rule) => rule.required().max(80),
    }),
    defineField({
      name: 'tagline',
      title: 'Tagline',
      type: 'string',
      validation: (rule) => rule.max(160),
    }),
    defineField({
      name: 'practiceName',
      title: 'Practice name',
      type: 'string',
      validation: (rule) => rule.required().max(120),
    }),
    defineField({
      name: 'practiceLocation',
      title: 'Practice location',
      type: 'string',
      description: 'Town and state, e.g. "Cranston, RI"',
    }),
    defineField({
      name: 'timeZone',
      title: 'Time zone',
      type: 'string',
      description: 'Dates in post addresses follow this time zone, e.g. "America/New_York".',
      initialValue: 'America/New_York',
      validation: (rule) =>
        rule.required().custom((value) => {
          if (typeof value !== 'string') return true
          try {
            new Intl.DateTimeFormat('en-US', {timeZone: value})
            return true
          } catch {
            return 'Use a time zone name such as "America/New_York"'
          }
        }),
    }),
  ],
  preview: {
    prepare: () => ({title: 'Site settings'}),
  },
})
