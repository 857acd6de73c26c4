import {createSchema, validateDocument, type SanityDocument, type Workspace} from 'sanity'
import {expect, test} from 'vitest'
import {seedDocuments} from '../../seed/life-in-balance'
import {CRISIS_NOTICE_DEFAULTS} from '../../contract/reader-notices'
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

test('crisis lines link to a call, a text or a web page; Studio starts from the defaults the site falls back to', async () => {
  const resources = [
    {_key: 'a', _type: 'crisisResource', text: 'Call 988', link: 'tel:988'},
    {_key: 'b', _type: 'crisisResource', text: 'Text HOME', link: 'sms:741741?&body=HOME'},
    {_key: 'c', _type: 'crisisResource', text: 'Website', link: 'https://988lifeline.org/'},
    {_key: 'd', _type: 'crisisResource', text: 'Sneaky', link: 'javascript:alert(1)'},
    {_key: 'e', _type: 'crisisResource', link: 'tel:911'},
  ]
  const document = {...settings, crisisNotice: {resources}} as SanityDocument
  const markers = await validateDocument({document, workspace, getDocumentExists: async () => true, environment: 'studio'})
  expect(
    markers
      .filter((marker) => marker.level === 'error' && marker.path[0] === 'crisisNotice')
      .map((marker) => [
        marker.path
          .slice(2)
          .map((segment) => (typeof segment === 'object' && segment !== null && '_key' in segment ? segment._key : segment))
          .join('.'),
        marker.message,
      ]),
  ).toEqual([
    ['d.link', 'Start the link with tel:, sms:, or https://'],
    ['e.text', 'Write the line, e.g. “Call 988, any time”.'],
  ])

  const crisisNotice = (
    schema.get('siteSettings') as {fields: Array<{name: string; type: {fields: Array<{name: string; type: {initialValue?: unknown}}>}}>}
  ).fields.find((field) => field.name === 'crisisNotice')!
  const initial = Object.fromEntries(crisisNotice.type.fields.map((field) => [field.name, field.type.initialValue]))
  expect(initial).toMatchObject({
    heading: CRISIS_NOTICE_DEFAULTS.heading,
    note: CRISIS_NOTICE_DEFAULTS.note,
    resources: CRISIS_NOTICE_DEFAULTS.resources.map((resource) => expect.objectContaining(resource)),
  })
})
