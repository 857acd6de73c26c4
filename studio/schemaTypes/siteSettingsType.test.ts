import {createSchema, validateDocument, type SanityDocument, type Workspace} from 'sanity'
import {expect, test} from 'vitest'
import {seedDocuments} from '../../seed/life-in-balance'
import {schemaTypes} from '.'

// Moderators named in Site settings, checked with Studio's own document validation.
const schema = createSchema({name: 'test', types: schemaTypes})
const client = {withConfig: () => client, fetch: async () => true}
const workspace = {schema, i18n: {t: (key: string) => key, loadNamespaces: async () => {}}, getClient: () => client} as unknown as Workspace
const settings = seedDocuments.find((document) => document._type === 'siteSettings') as SanityDocument & {moderation?: object}

async function errorsWith(moderators: object[]): Promise<string[]> {
  const document = {...settings, moderation: {...settings.moderation, moderators}} as SanityDocument
  const markers = await validateDocument({document, workspace, getDocumentExists: async () => true, environment: 'studio'})
  // Only the moderators' markers: the rest of the moderation settings is not this test's.
  return markers.filter((marker) => marker.level === 'error' && marker.path.join('.').startsWith('moderation.moderators')).map((marker) => marker.message)
}

test('a moderator is an account at a provider or a verified email address', async () => {
  expect(
    await errorsWith([
      {_key: 'a', _type: 'moderator', name: 'Jami Wilder', kind: 'google', accountId: '104857600000000000001'},
      {_key: 'b', _type: 'moderator', name: 'Office', kind: 'email', email: 'office@example.com'},
    ]),
  ).toEqual([])
})

test('validation asks for what is missing', async () => {
  expect(
    await errorsWith([
      {_key: 'a', _type: 'moderator', name: 'No id', kind: 'github'},
      {_key: 'b', _type: 'moderator', name: 'No address', kind: 'email', email: 'not an address'},
      {_key: 'c', _type: 'moderator', kind: 'x', accountId: '123'},
    ]),
  ).toEqual([
    'Enter the account id (letters, digits, dashes), copied from one of their comments.',
    'Enter an email address, e.g. jami@example.com',
    'Enter the moderator’s name, e.g. Jami Wilder.',
  ])
})

test('a moderator may name the author profile they write posts as', async () => {
  expect(
    await errorsWith([
      {
        _key: 'a',
        _type: 'moderator',
        name: 'Jami Wilder',
        kind: 'google',
        accountId: '104857600000000000001',
        author: {_type: 'reference', _ref: 'author-jami'},
      },
      // The same person by another account, writing as the same profile.
      {_key: 'b', _type: 'moderator', name: 'Jami Wilder', kind: 'email', email: 'jami@example.com', author: {_type: 'reference', _ref: 'author-jami'}},
    ]),
  ).toEqual([])
  const moderation = (
    schema.get('siteSettings') as {
      fields: Array<{
        name: string
        type: {fields: Array<{name: string; type: {of: Array<{fields: Array<{name: string; type: {name: string; to?: Array<{name: string}>}}>}>}}>}
      }>
    }
  ).fields.find((field) => field.name === 'moderation')!
  const entry = moderation.type.fields.find((field) => field.name === 'moderators')!.type.of[0]!
  const author = entry.fields.find((field) => field.name === 'author')!
  expect(author.type.name).toBe('reference')
  expect(author.type.to?.map((type) => type.name)).toEqual(['author'])
})
