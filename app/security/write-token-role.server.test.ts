import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {afterAll, beforeAll, expect, test} from 'vitest'
import {type LakeProcess, startLakeProcess, TEST_TOKEN} from '../../content-lake/test/lake-process'
import {readTokens} from '../../content-lake/src/tokens'
import {writeLakeTokens} from '../../scripts/stack-config'
import {parseEnv, sanityConnection} from '~/env.server'
import {createSanityClient} from '~/sanity/client.server'
import {readerTokenProblem} from './reader-token.server'
import {writeTokenRoleWarning} from './write-token-role.server'

/**
 * A real lake started as `npm start` starts it: its administrator's token, plus the tokens file
 * npm start writes with the site's Editor token (and a developer's own token kept beside it).
 */
const SITE_TOKEN = 'the-sites-own-editor-token-0123456789'
const READER_TOKEN = 'the-sites-public-reader-token-0123456789'
let lake: LakeProcess
let tokensFile: string

beforeAll(async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'site-token-'))
  const ownFile = path.join(dataDir, 'mine.json')
  fs.writeFileSync(
    ownFile,
    JSON.stringify([
      {name: 'reporting', role: 'viewer', token: 'a-developers-viewer-token-0123'},
      {name: 'site', role: 'administrator', token: 'an-old-site-entry-0123456789'},
    ]),
  )
  tokensFile = writeLakeTokens(dataDir, {siteToken: SITE_TOKEN, readerToken: READER_TOKEN, ownFile})
  lake = await startLakeProcess(undefined, {CONTENT_LAKE_TOKENS_FILE: tokensFile})
}, 60_000)
afterAll(() => lake?.stop())

const publicSite = (token: string) => ({NODE_ENV: 'production' as const, SITE_URL: 'https://blog.example', SANITY_API_WRITE_TOKEN: token})
const clientWith =
  (token: string, url = lake.url) =>
  () =>
    createSanityClient(sanityConnection(parseEnv({CONTENT_LAKE_URL: url})), token)

test('npm start’s tokens file gives the site an Editor token and a public reader token, by digest only, beside the developer’s own', () => {
  const text = fs.readFileSync(tokensFile, 'utf8')
  expect(text).not.toContain(SITE_TOKEN)
  expect(text).not.toContain(READER_TOKEN)
  expect(fs.statSync(tokensFile).mode & 0o777).toBe(0o600)
  const tokens = readTokens(TEST_TOKEN, tokensFile)
  expect(tokens.map(({name, role}) => ({name, role}))).toEqual([
    {name: 'administrator', role: 'administrator'},
    {name: 'reporting', role: 'viewer'},
    {name: 'site', role: 'editor'},
    {name: 'site-reader', role: 'reader'},
  ])
})

test('the site’s token can do what the site does: write, read private documents, delete', async () => {
  const client = clientWith(SITE_TOKEN)()
  await client.create({_id: 'comment-private.role-check', _type: 'commentPrivate', email: 'a@example.com'})
  expect(await client.getDocument('comment-private.role-check')).toMatchObject({email: 'a@example.com'})
  await client.delete('comment-private.role-check')
  expect(await client.request({url: '/users/me'})).toMatchObject({role: 'editor'})
})

test('a public site running with an administrator’s token is warned at start; an editor’s is not', async () => {
  expect(await writeTokenRoleWarning(publicSite(TEST_TOKEN), clientWith(TEST_TOKEN))).toMatch(/administrator’s token.*Editor token/s)
  expect(await writeTokenRoleWarning(publicSite(SITE_TOKEN), clientWith(SITE_TOKEN))).toBeNull()
  // A local run (npm start on localhost) says nothing; nor does a lake that can't be asked.
  expect(await writeTokenRoleWarning({...publicSite(TEST_TOKEN), SITE_URL: 'http://localhost:3000'}, clientWith(TEST_TOKEN))).toBeNull()
  expect(await writeTokenRoleWarning(publicSite(TEST_TOKEN), clientWith(TEST_TOKEN, 'http://127.0.0.1:9'))).toBeNull()
})

test('the public reader token reads exactly what no token reads: no drafts, no private documents', async () => {
  const writer = clientWith(SITE_TOKEN)()
  await writer.createOrReplace({_id: 'reader-check', _type: 'post', title: 'Published'})
  await writer.createOrReplace({_id: 'drafts.reader-check', _type: 'post', title: 'Draft'})
  await writer.createOrReplace({_id: 'comment-private.reader-check', _type: 'commentPrivate', email: 'a@example.com'})
  const reader = clientWith(READER_TOKEN)()
  const anonymous = createSanityClient(sanityConnection(parseEnv({CONTENT_LAKE_URL: lake.url})))
  const query = '*[_id match "*reader-check"]{_id, title}'
  for (const perspective of ['raw', 'drafts', 'published'] as const) {
    const seen = await reader.fetch(query, {}, {perspective})
    expect(seen).toEqual(await anonymous.fetch(query, {}, {perspective}))
    expect(seen.map((doc: {_id: string}) => doc._id)).toEqual(['reader-check'])
  }
  expect(await reader.getDocument('comment-private.reader-check')).toBeUndefined()
  expect(await reader.request({url: '/users/me'})).toMatchObject({role: 'reader'})
  await expect(reader.create({_type: 'post', title: 'Not allowed'})).rejects.toThrow()
})

test('the site refuses to start when its public reader token could read more than the public', async () => {
  const local = (token: string) => ({CONTENT_LAKE_READER_TOKEN: token, SANITY_PROJECT_ID: undefined})
  expect(await readerTokenProblem(local(READER_TOKEN), clientWith(READER_TOKEN))).toBeNull()
  expect(await readerTokenProblem(local(SITE_TOKEN), clientWith(SITE_TOKEN))).toMatch(/"reader" role.*"editor"/)
  expect(await readerTokenProblem(local(TEST_TOKEN), clientWith(TEST_TOKEN))).toMatch(/"administrator"/)
  expect(await readerTokenProblem({CONTENT_LAKE_READER_TOKEN: READER_TOKEN, SANITY_PROJECT_ID: 'abc123'}, clientWith(READER_TOKEN))).toMatch(
    /local Content Lake only/,
  )
  expect(await readerTokenProblem({CONTENT_LAKE_READER_TOKEN: undefined, SANITY_PROJECT_ID: undefined})).toBeNull()
})
