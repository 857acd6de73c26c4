import {defineField} from 'sanity'

/**
 * Where a document came from when an import made it (the WordPress importer): the source, its
 * id there, and a hash of what the import wrote. A re-run compares the hash with the document
 * to tell an editor's changes, which it keeps, from its own. Not for editors: hidden.
 */
export const importedFromField = defineField({
  name: 'importedFrom',
  title: 'Imported from',
  type: 'object',
  hidden: true,
  readOnly: true,
  fields: [
    defineField({name: 'source', title: 'Source', type: 'string'}),
    defineField({name: 'id', title: 'Id there', type: 'number'}),
    defineField({name: 'contentHash', title: 'Hash of what was imported', type: 'string'}),
  ],
})
