import {defineArrayMember, defineField} from 'sanity'

/**
 * Every address a post or page had on WordPress (permalink, ?p= or ?page_id=, old slugs,
 * attachment pages), written by the importer: the site answers each with a 301 here.
 */
export const legacyPathsField = defineField({
  name: 'legacyPaths',
  title: 'Addresses on WordPress',
  type: 'array',
  group: 'details',
  description: 'Set by the WordPress import: old links to these addresses lead here.',
  of: [defineArrayMember({type: 'string'})],
  readOnly: true,
})
