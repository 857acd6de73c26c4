import {createHash} from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {afterAll, expect, test} from 'vitest'
import {ConfigError, configFromEnv} from './config'
import {digestToken} from './tokens'

const ADMIN_TOKEN = 'administrator-token-0123456789'

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lake-tokens-'))
let files = 0

afterAll(() => fs.rmSync(dir, {recursive: true, force: true}))

function tokensFile(content: unknown): string {
  const file = path.join(dir, `tokens-${++files}.json`)
  fs.writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content))
  return file
}

const configWith = (content: unknown, token: string | undefined = ADMIN_TOKEN) =>
  configFromEnv({CONTENT_LAKE_TOKENS_FILE: tokensFile(content), ...(token ? {CONTENT_LAKE_TOKEN: token} : {})})

test('CONTENT_LAKE_TOKEN is the administrator, and the tokens file adds users with roles', () => {
  const viewerToken = 'viewer-token-0123456789abcdef'
  const editorToken = 'editor-token-0123456789abcdef'
  const {tokens} = configWith([
    {name: 'site', role: 'viewer', token: viewerToken},
    {name: 'studio', role: 'editor', sha256: createHash('sha256').update(editorToken).digest('hex').toUpperCase()},
  ])
  expect(tokens.map(({name, role, userId}) => ({name, role, userId}))).toEqual([
    {name: 'administrator', role: 'administrator', userId: 'p-local-administrator'},
    {name: 'site', role: 'viewer', userId: 'p-local-site'},
    {name: 'studio', role: 'editor', userId: 'p-local-studio'},
  ])
  // Plain and hashed entries both end up as the token's digest, never the token itself.
  expect(tokens[1]!.digest.equals(digestToken(viewerToken))).toBe(true)
  expect(tokens[2]!.digest.equals(digestToken(editorToken))).toBe(true)
})

test('without any token setting the lake has no tokens', () => {
  expect(configFromEnv({}).tokens).toEqual([])
})

test.each([
  ['a missing file', null, /Cannot read CONTENT_LAKE_TOKENS_FILE/],
  ['invalid JSON', '[{"name": ', /is not valid JSON/],
  ['an object instead of an array', {name: 'site'}, /must hold a JSON array/],
  ['an entry that is not an object', ['token'], /entry 1 must be an object/],
  ['an unknown role', [{name: 'site', role: 'owner', token: 'x'.repeat(20)}], /entry 1: "role" must be "viewer", "editor" or "administrator", got "owner"/],
  ['a bad name', [{name: 'Site Reader', role: 'viewer', token: 'x'.repeat(20)}], /"name" must be lower-case/],
  ['a short token', [{name: 'site', role: 'viewer', token: 'short'}], /at least 16 characters/],
  ['a token with a space', [{name: 'site', role: 'viewer', token: 'has a space in the middle'}], /without spaces/],
  ['both token and sha256', [{name: 'site', role: 'viewer', token: 'x'.repeat(20), sha256: 'a'.repeat(64)}], /either "token" or "sha256"/],
  ['neither token nor sha256', [{name: 'site', role: 'viewer'}], /either "token" or "sha256"/],
  ['a malformed sha256', [{name: 'site', role: 'viewer', sha256: 'abc'}], /64 hexadecimal digits/],
  ['an unknown field', [{name: 'site', role: 'viewer', token: 'x'.repeat(20), roles: ['editor']}], /unknown field\(s\) roles/],
  [
    'a duplicate name',
    [
      {name: 'site', role: 'viewer', token: 'x'.repeat(20)},
      {name: 'site', role: 'editor', token: 'y'.repeat(20)},
    ],
    /Two tokens are named "site"/,
  ],
  ['the administrator name taken', [{name: 'administrator', role: 'viewer', token: 'x'.repeat(20)}], /CONTENT_LAKE_TOKEN's user is "administrator"/],
  [
    'a token given twice',
    [
      {name: 'a', role: 'viewer', token: 'x'.repeat(20)},
      {name: 'b', role: 'editor', token: 'x'.repeat(20)},
    ],
    /"b" and "a" have the same token/,
  ],
  ['CONTENT_LAKE_TOKEN repeated in the file', [{name: 'site', role: 'viewer', token: ADMIN_TOKEN}], /"site" and "administrator" have the same token/],
])('a tokens file with %s is a ConfigError', (_, content, message) => {
  const load = () => (content === null ? configFromEnv({CONTENT_LAKE_TOKENS_FILE: path.join(dir, 'missing', 'tokens.json')}) : configWith(content))
  expect(load).toThrow(ConfigError)
  expect(load).toThrow(message)
})
