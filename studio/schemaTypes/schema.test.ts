import {createSchema, validateDocument, type SanityDocument, type Workspace} from 'sanity'
import {describe, expect, test} from 'vitest'
import {seedDocuments} from '../../seed/life-in-balance'
import {schemaTypes} from '.'
import {checkLegacyPath} from './postType'

// The schema is compiled exactly as Studio compiles it (createSchema also runs Sanity's schema
// validation), and the seed is checked with Studio's own document validation.
const schema = createSchema({name: 'test', types: schemaTypes})

function fieldNames(typeName: string): string[] {
  const type = schema.get(typeName)
  if (!type || !('fields' in type)) throw new Error(`${typeName} is not an object type`)
  return type.fields.map((field) => field.name)
}

test('the schema compiles without errors', () => {
  const errors = (schema._validation ?? []).flatMap((group) =>
    group.problems
      .filter((problem) => problem.severity === 'error')
      .map((problem) => `${group.path.map((segment) => segment.name).join('.')}: ${problem.message}`),
  )
  expect(errors).toEqual([])
  for (const name of ['post', 'author', 'category', 'blockContent', 'siteSettings', 'comment', 'commentAudit']) {
    expect(schema.has(name), name).toBe(true)
  }
})

test('every field of every seed document exists in its type', () => {
  for (const document of seedDocuments) {
    const names = fieldNames(document._type)
    const unknown = Object.keys(document).filter((key) => !key.startsWith('_') && !names.includes(key))
    expect(unknown, document._id).toEqual([])
  }
})

// Enough of a workspace for Studio's validation: no address is taken here (Studio's check asks
// `!defined(…)`, the address check asks for the other document: none), and messages are shown
// by key. fields/addressField.test.ts checks addresses against a real lake.
const client = {withConfig: () => client, fetch: async (query: string) => (query.startsWith('!defined(') ? true : null)}
const workspace = {
  schema,
  i18n: {t: (key: string) => key, loadNamespaces: async () => {}},
  getClient: () => client,
} as unknown as Workspace

async function markersOf(document: SanityDocument, environment: 'cli' | 'studio') {
  const getDocumentExists = async () => true
  const markers = await validateDocument({document, workspace, getDocumentExists, environment})
  return markers.map((marker) => `${marker.level} ${marker.path.join('.')}: ${marker.message}`)
}

// As a clinician sees it in Studio.
async function errorsOf(document: SanityDocument): Promise<string[]> {
  const markers = await markersOf(document, 'studio')
  return markers.filter((marker) => marker.startsWith('error ')).map((marker) => marker.slice('error '.length))
}

test('the seed documents pass Studio’s validation, without a warning', async () => {
  for (const document of seedDocuments) {
    // The command line's validation also warns about fields the schema does not know.
    expect(await markersOf(document as SanityDocument, 'cli'), document._id).toEqual([])
    expect(await markersOf(document as SanityDocument, 'studio'), document._id).toEqual([])
  }
})

test('validation speaks up about what a clinician got wrong', async () => {
  const post = seedDocuments.find((document) => document._type === 'post') as SanityDocument
  const broken = {
    ...post,
    title: undefined,
    legacyPath: 'https://example.wordpress.com/2013/07/25/x/',
    mainImage: {_type: 'image', asset: {_type: 'reference', _ref: 'image-abc-10x10-png'}},
  }
  expect((await errorsOf(broken as unknown as SanityDocument)).sort()).toEqual([
    expect.stringMatching(/^legacyPath: Leave out the “https:\/\/”/),
    expect.stringMatching(/^mainImage\.alt: Describe the image/),
    'title: Give the post a title.',
  ])
  // A comment record under a public id would put its email and held text in public view.
  const leaked = {
    _id: 'comment-abc',
    _type: 'comment',
    status: 'pending',
    post: {_type: 'reference', _ref: 'post-1', _weak: true},
    authorName: 'Ann',
    provider: 'guest',
    body: 'Held text',
    submittedAt: '2026-01-01T00:00:00Z',
    email: 'a@example.com',
  }
  expect(await errorsOf(leaked as unknown as SanityDocument)).toEqual([expect.stringMatching(/would be public/)])
  expect(await errorsOf({...leaked, _id: 'drafts.comment-private.comment-abc'} as unknown as SanityDocument)).toEqual([])
})

test('a comment record’s private fields are read-only in Studio', () => {
  const comment = schema.get('comment') as {fields: Array<{name: string; type: {readOnly?: unknown}}>}
  for (const name of [
    'email',
    'networkAddressHash',
    'providerAccountId',
    'userAgent',
    'notifyReplies',
    'notifyPosts',
    'decidedAt',
    'akismetCheck',
    'moderationLog',
  ]) {
    expect(comment.fields.find((field) => field.name === name)?.type.readOnly, name).toBe(true)
  }
})

describe('the old WordPress address', () => {
  const accepted = ['/2013/07/25/hold-on-we-dont-do-that/', '/2013/07/25/slug', '?p=123', '/?p=123']
  const refused = ['https://lifeinbalance.wordpress.com/2013/07/25/slug/', '2013/07/25/slug/', '/about/', '?p=abc']
  test.each(accepted)('accepts %s', (path) => expect(checkLegacyPath(path)).toBe(true))
  test.each(refused)('refuses %s with an example', (path) => expect(checkLegacyPath(path)).toMatch(/2013\/07\/25/))
})

test('a comment’s post and parent are weak references, as the site’s comment store writes them', () => {
  const comment = schema.get('comment') as {fields: Array<{name: string; type: {weak?: boolean}}>}
  const weak = (name: string) => comment.fields.find((field) => field.name === name)?.type.weak
  // A strong reference in the schema would flag every stored comment "Reference strength mismatch".
  expect([weak('post'), weak('parent')]).toEqual([true, true])
})

test('only the site marks a comment as the post author’s: the field is read-only in Studio', () => {
  const comment = schema.get('comment') as {fields: Array<{name: string; type: {name: string; readOnly?: unknown}}>}
  const field = comment.fields.find((candidate) => candidate.name === 'byPostAuthor')
  expect(field?.type.name).toBe('boolean')
  expect(field?.type.readOnly).toBe(true)
})

test('what the WordPress importer writes fits the schema: every field and every body block type is known', async () => {
  const {importWordPress} = await import('../../importer/wordpress/import-wordpress')
  const documents: {_id: string; _type: string; [field: string]: unknown}[] = []
  await importWordPress({
    file: `${import.meta.dirname}/../../importer/wordpress/fixtures/practice.wordpress.xml`,
    sink: {write: async (written) => void documents.push(...written)},
    hashAddress: () => 'hash',
    download: false,
  })
  const bodyTypes = new Set((schema.get('blockContent') as {of: {name: string}[]}).of.map((member) => member.name))
  // Public copies are made from records by contract/comment-record.ts; Studio never edits them.
  for (const document of documents.filter((candidate) => candidate._type !== 'publicComment')) {
    const names = fieldNames(document._type)
    expect(
      Object.keys(document).filter((key) => !key.startsWith('_') && !names.includes(key)),
      document._id,
    ).toEqual([])
    for (const block of (document.body as {_type: string}[] | undefined) ?? []) {
      if (document._type !== 'comment') expect(bodyTypes.has(block._type), `${document._id}: ${block._type}`).toBe(true)
    }
  }
  expect(new Set(documents.map((document) => document._type))).toEqual(
    new Set(['siteSettings', 'author', 'category', 'tag', 'post', 'page', 'comment', 'publicComment']),
  )
})
