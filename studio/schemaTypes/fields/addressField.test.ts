import type {SanityClient} from '@sanity/client'
import {createSchema, type SanityDocument, validateDocument, type Workspace} from 'sanity'
import {afterAll, beforeAll, expect, test} from 'vitest'
import {type LakeProcess, startLakeProcess} from '../../../content-lake/test/lake-process'
import {schemaTypes} from '..'

// Studio's own document validation of a post's and a page's address (the field's own markers;
// Sanity's slug type adds one of its own on slug.current), asking a real lake.

let lake: LakeProcess
let client: SanityClient
const schema = createSchema({name: 'test', types: schemaTypes})

beforeAll(async () => {
  lake = await startLakeProcess()
  client = lake.client()
  await client.createOrReplace({_id: 'taken', _type: 'post', title: 'Holding on', slug: {_type: 'slug', current: 'holding-on'}})
  await client.createOrReplace({_id: 'drafts.taken-draft', _type: 'post', title: 'A draft', slug: {_type: 'slug', current: 'draft-only'}})
  await client.createOrReplace({_id: 'about', _type: 'page', title: 'About us', slug: {_type: 'slug', current: 'about'}})
})

afterAll(async () => {
  await lake?.stop()
})

async function addressErrors(document: Record<string, unknown>): Promise<string[]> {
  const workspace = {schema, i18n: {t: (key: string) => key, loadNamespaces: async () => {}}, getClient: () => client} as unknown as Workspace
  const markers = await validateDocument({document: document as SanityDocument, workspace, getDocumentExists: async () => true, environment: 'studio'})
  return markers.filter((marker) => marker.path.join('.') === 'slug' && marker.level === 'error').map((marker) => marker.message)
}

const post = (id: string, slug?: string) => ({_id: id, _type: 'post', title: 'New', ...(slug ? {slug: {_type: 'slug', current: slug}} : {})})

test('an address another post has (published or draft) names that post', async () => {
  expect(await addressErrors(post('drafts.new', 'holding-on'))).toEqual([
    'This address is already used by “Holding on”. Change it, for example by adding a word.',
  ])
  expect(await addressErrors(post('drafts.new', 'draft-only'))).toEqual(['This address is already used by “A draft”. Change it, for example by adding a word.'])
})

test('a post’s own address, its draft’s, and a page’s are not clashes; a missing one asks for “Generate”', async () => {
  expect(await addressErrors(post('taken', 'holding-on'))).toEqual([])
  expect(await addressErrors(post('drafts.taken', 'holding-on'))).toEqual([])
  expect(await addressErrors(post('drafts.new', 'about'))).toEqual([])
  expect(await addressErrors(post('drafts.new', 'a-new-one'))).toEqual([])
  expect(await addressErrors(post('drafts.new'))).toEqual(['Press “Generate” to make the address from the title.'])
})

test('pages are checked among pages', async () => {
  expect(await addressErrors({_id: 'drafts.p', _type: 'page', title: 'P', slug: {_type: 'slug', current: 'about'}})).toEqual([
    'This address is already used by “About us”. Change it, for example by adding a word.',
  ])
})
