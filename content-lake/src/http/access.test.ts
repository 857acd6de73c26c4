import {createHash} from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import type {SanityClient} from '@sanity/client'
import {evaluate, parse} from 'groq-js'
import {afterAll, beforeAll, describe, expect, test} from 'vitest'
import {startLakeProcess, temporaryDataDir, type LakeProcess} from '../../test/lake-process'

// Roles through the real @sanity/client against a real lake process: CONTENT_LAKE_TOKEN is the
// administrator; the tokens file adds a viewer (plain token) and an editor (hashed token).

const VIEWER_TOKEN = 'viewer-token-0123456789abcdef'
const EDITOR_TOKEN = 'editor-token-0123456789abcdef'

let lake: LakeProcess
let administrator: SanityClient
let editor: SanityClient
let viewer: SanityClient
let anonymous: SanityClient

beforeAll(async () => {
  const dataDir = temporaryDataDir()
  const tokensFile = path.join(dataDir, 'tokens.json')
  fs.writeFileSync(
    tokensFile,
    JSON.stringify([
      {name: 'site', role: 'viewer', token: VIEWER_TOKEN},
      {name: 'studio', role: 'editor', sha256: createHash('sha256').update(EDITOR_TOKEN).digest('hex')},
    ]),
  )
  lake = await startLakeProcess(dataDir, {CONTENT_LAKE_TOKENS_FILE: tokensFile})
  administrator = lake.client()
  editor = lake.client({token: EDITOR_TOKEN})
  viewer = lake.client({token: VIEWER_TOKEN})
  anonymous = lake.client({token: null})
  await administrator
    .transaction()
    .createOrReplace({_id: 'post-1', _type: 'post', title: 'Published'})
    .createOrReplace({_id: 'drafts.post-1', _type: 'post', title: 'Draft'})
    .createOrReplace({_id: 'comment.private.c-1', _type: 'comment.private', email: 'reader@example.com'})
    .commit()
})

afterAll(async () => {
  await lake?.stop()
})

const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => new Error('expected a failure'),
    (error: unknown) => error,
  )

describe('viewer', () => {
  test('reads drafts and private documents', async () => {
    expect(await viewer.getDocument('drafts.post-1')).toMatchObject({title: 'Draft'})
    expect(await viewer.fetch('*[_type == "post"].title | order(@)', {}, {perspective: 'raw'})).toEqual(['Draft', 'Published'])
    expect(await viewer.fetch('*[_type == "post"][0].title', {}, {perspective: 'drafts'})).toBe('Draft')
    expect(await viewer.fetch('*[_id == "comment.private.c-1"][0].email', {}, {perspective: 'raw'})).toBe('reader@example.com')
  })

  test('cannot write: mutations, actions and uploads are refused with 403', async () => {
    expect(await failure(viewer.create({_id: 'v-1', _type: 'post'}))).toMatchObject({
      statusCode: 403,
      details: {type: 'mutationError', items: [{error: {type: 'insufficientPermissionsError'}}]},
    })
    expect(
      await failure(viewer.action({actionType: 'sanity.action.document.edit', draftId: 'drafts.post-1', publishedId: 'post-1', patch: {set: {title: 'x'}}})),
    ).toMatchObject({statusCode: 403, details: {type: 'actionError'}})
    expect(await failure(viewer.assets.upload('file', Buffer.from('hello'), {filename: 'hello.txt'}))).toMatchObject({statusCode: 403})
    expect(await administrator.getDocument('v-1')).toBeUndefined()
  })

  test('reads history, which needs a token', async () => {
    const response = await fetch(`${lake.url}/v2025-02-19/data/history/production/documents/post-1?time=${encodeURIComponent(new Date().toISOString())}`, {
      headers: {authorization: `Bearer ${VIEWER_TOKEN}`},
    })
    expect(response.status).toBe(200)
  })
})

describe('editor', () => {
  test('writes documents and assets, recorded under its own user id', async () => {
    const {transactionId} = await editor.create({_id: 'e-1', _type: 'post', title: 'By the editor'}, {returnDocuments: false})
    expect(await editor.getDocument('e-1')).toMatchObject({title: 'By the editor'})
    const asset = await editor.assets.upload('file', Buffer.from('hello'), {filename: 'hello.txt'})
    expect(asset._id).toMatch(/^file-/)

    const response = await fetch(`${lake.url}/v2025-02-19/data/history/production/transactions/e-1`, {
      headers: {authorization: `Bearer ${EDITOR_TOKEN}`},
    })
    const [line] = (await response.text()).trim().split('\n')
    expect(JSON.parse(line!)).toMatchObject({id: transactionId, author: 'p-local-studio'})
  })

  test('GROQ identity() is the token user’s id', async () => {
    expect(await editor.fetch('identity()')).toBe('p-local-studio')
    expect(await viewer.fetch('identity()')).toBe('p-local-site')
    expect(await administrator.fetch('identity()')).toBe('p-local-administrator')
  })
})

describe('administrator', () => {
  test('CONTENT_LAKE_TOKEN keeps full access', async () => {
    await administrator.createOrReplace({_id: 'drafts.a-1', _type: 'post', title: 'Admin draft'})
    await administrator.action({actionType: 'sanity.action.document.publish', draftId: 'drafts.a-1', publishedId: 'a-1'})
    expect(await administrator.getDocument('a-1')).toMatchObject({title: 'Admin draft'})
  })
})

test('an unknown token is refused with 401, not downgraded to anonymous', async () => {
  const stranger = lake.client({token: 'not-a-known-token-0123456789'})
  expect(await failure(stranger.fetch('count(*)'))).toMatchObject({statusCode: 401})
  expect(await failure(stranger.request({url: '/users/me'}))).toMatchObject({statusCode: 401})
  // One character off a real token is just as unknown.
  expect(await failure(lake.client({token: `${VIEWER_TOKEN.slice(0, -1)}X`}).fetch('count(*)'))).toMatchObject({statusCode: 401})
})

describe('/users/me', () => {
  test('answers the token’s user with its role', async () => {
    expect(await viewer.request({url: '/users/me'})).toEqual({
      id: 'p-local-site',
      name: 'site',
      email: 'site@localhost',
      profileImage: null,
      provider: 'local',
      role: 'viewer',
      roles: [{name: 'viewer', title: 'Viewer'}],
    })
    expect(await editor.request({url: '/users/me'})).toMatchObject({id: 'p-local-studio', role: 'editor', roles: [{name: 'editor', title: 'Editor'}]})
    // Studio's auth client uses a newer API version.
    expect(await administrator.withConfig({apiVersion: '2026-05-04'}).request({url: '/users/me'})).toMatchObject({
      id: 'p-local-administrator',
      role: 'administrator',
      roles: [{name: 'administrator', title: 'Administrator'}],
    })
  })

  test('answers {} without a token, which Studio reads as logged out', async () => {
    expect(await anonymous.request({url: '/users/me'})).toEqual({})
  })
})

describe('/users/{ids}', () => {
  test('one id answers that user, several answer the known ones', async () => {
    expect(await editor.request({url: '/users/p-local-site'})).toMatchObject({id: 'p-local-site', displayName: 'site', isCurrentUser: false})
    const users = (await editor.request({url: '/users/p-local-site,p-local-studio,p-nobody'})) as {id: string; isCurrentUser: boolean}[]
    expect(users.map(({id, isCurrentUser}) => ({id, isCurrentUser}))).toEqual([
      {id: 'p-local-site', isCurrentUser: false},
      {id: 'p-local-studio', isCurrentUser: true},
    ])
    expect(await editor.request({url: '/users/p-nobody'})).toBeNull()
  })

  test('needs a token', async () => {
    expect(await failure(anonymous.request({url: '/users/p-local-site'}))).toMatchObject({statusCode: 401})
  })
})

describe('dataset ACL', () => {
  const acl = (client: SanityClient) => client.withConfig({apiVersion: '2021-06-07'}).request({url: '/projects/local/datasets/production/acl'})

  test('grants follow the role', async () => {
    const everything = '_id in path("**")'
    expect(await acl(viewer)).toEqual([{filter: everything, permissions: ['read', 'history']}])
    expect(await acl(editor)).toEqual([{filter: everything, permissions: ['read', 'create', 'update', 'history']}])
    expect(await acl(administrator)).toEqual([{filter: everything, permissions: ['read', 'create', 'update', 'history']}])
    expect(await acl(anonymous)).toEqual([{filter: '_id in path("*")', permissions: ['read']}])
  })

  test('evaluated as Studio evaluates them, the anonymous grant covers exactly the ids without a dot', async () => {
    const [grant] = (await acl(anonymous)) as {filter: string}[]
    const matches = async (_id: string) => ((await (await evaluate(parse(`*[${grant!.filter}]`), {dataset: [{_id}]})).get()) as unknown[]).length === 1
    expect(await matches('post-1')).toBe(true)
    expect(await matches('drafts.post-1')).toBe(false)
    expect(await matches('versions.r1.post-1')).toBe(false)
    expect(await matches('comment.private.c-1')).toBe(false)
  })

  test('another project is not found', async () => {
    expect(await failure(viewer.request({url: '/projects/other/datasets/production/acl'}))).toMatchObject({statusCode: 404})
  })
})
